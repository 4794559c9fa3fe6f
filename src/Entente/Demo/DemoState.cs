namespace Entente.Demo;

/// <summary>Whether this installation holds demo data; the layout shows a banner when it does.</summary>
public sealed class DemoState
{
    public bool IsDemo { get; set; }
}
