using Entente.Components.Shared;
using Entente.Modules.Summits.Domain;
using Entente.Modules.Summits.Features.Actions;

namespace Entente.Modules.Summits.Pages.Actions;

/// <summary>What the create form posts; nested like <see cref="CreateActionItemRequest"/> so errors land on the right field.</summary>
public sealed class ActionFormModel
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public OriginFormModel Origin { get; set; } = new();

    public OwnerFormModel Owner { get; set; } = new();

    public DateOnly? DueOn { get; set; }

    public LabelFormModel Label { get; set; } = new();

    public CreateActionItemRequest ToRequest() => new()
    {
        Title = Title,
        Description = Description,
        Origin = new ActionOriginInput
        {
            Kind = Origin.Kind,
            Id = Guid.TryParse(Origin.Id, out var id) ? id : null,
            Title = Origin.Title,
        },
        Owner = new ActionOwnerInput { Member = Owner.Member, Name = Owner.Name },
        DueOn = DueOn,
        Label = Label.ToInput(),
    };
}

public sealed class OriginFormModel
{
    public ActionOriginKind Kind { get; set; } = ActionOriginKind.Other;

    /// <summary>The decision's, meeting's or alert's id, as text.</summary>
    public string? Id { get; set; }

    public string? Title { get; set; }
}

public sealed class OwnerFormModel
{
    public string Member { get; set; } = "";

    public string? Name { get; set; }
}

/// <summary>The status form on an action item's page.</summary>
public sealed class StatusFormModel
{
    public ActionStatus Status { get; set; }

    public string? Reason { get; set; }

    public int? ExpectedVersion { get; set; }
}

/// <summary>The progress note form on an action item's page.</summary>
public sealed class NoteFormModel
{
    public string Text { get; set; } = "";
}
