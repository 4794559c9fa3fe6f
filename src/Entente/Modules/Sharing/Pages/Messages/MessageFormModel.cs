using Entente.Components.Shared;

namespace Entente.Modules.Sharing.Pages.Messages;

/// <summary>The post form of a thread. Without <see cref="ChooseLabel"/> the message takes the record's label.</summary>
public sealed class MessageFormModel
{
    public string? Body { get; set; }

    public Guid? ReplyTo { get; set; }

    /// <summary>Ticked when the author gives the message a label of its own (at least as restrictive as the record's).</summary>
    public bool ChooseLabel { get; set; }

    public LabelFormModel Label { get; set; } = new();

    /// <summary>The page to return to after posting (a local path only).</summary>
    public string? Back { get; set; }
}
