using Entente.Modules.Identity.Features;
using Microsoft.AspNetCore.Components;

namespace Entente.Modules.Identity.Pages;

public sealed partial class TokenStatePill
{
    [Parameter, EditorRequired]
    public ApiTokenState State { get; set; }

    private string CssClass => State switch
    {
        ApiTokenState.Active => "pill-ok",
        ApiTokenState.Expired => "pill-former",
        ApiTokenState.Revoked => "pill-bad",
    };

    private string Text => State switch
    {
        ApiTokenState.Active => "active",
        ApiTokenState.Expired => "expired",
        ApiTokenState.Revoked => "revoked",
    };
}
