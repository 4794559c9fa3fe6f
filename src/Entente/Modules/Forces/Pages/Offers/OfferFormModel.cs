using Entente.Components.Shared;
using Entente.Modules.Forces.Domain;
using Entente.Modules.Forces.Features.Offers;

namespace Entente.Modules.Forces.Pages.Offers;

/// <summary>
/// What the offer form posts. Field names follow the API request (<c>quantity</c>, <c>availableUntil</c> ...) so a
/// domain error lands beside its field; lists of codes are typed as comma-separated text, which a page without script
/// can post.
/// </summary>
public sealed class OfferFormModel
{
    public string MemberCode { get; set; } = "";

    public Capability Capability { get; set; } = Capability.MechanisedInfantry;

    public string? UnitType { get; set; }

    public int? Quantity { get; set; } = 1;

    public bool Indivisible { get; set; }

    public int? NoticeToMoveDays { get; set; } = 30;

    public ReadinessLevel Readiness { get; set; } = ReadinessLevel.Registered;

    public ReadinessLevel? PlanLevel1 { get; set; }

    public DateOnly? PlanOn1 { get; set; }

    public ReadinessLevel? PlanLevel2 { get; set; }

    public DateOnly? PlanOn2 { get; set; }

    public DateOnly? AvailableFrom { get; set; }

    public DateOnly? AvailableUntil { get; set; }

    /// <summary>Sector codes, comma-separated; empty means anywhere.</summary>
    public string? AllowedSectors { get; set; }

    public string? RefusedSectors { get; set; }

    /// <summary>Task names, comma-separated.</summary>
    public string? RefusedTasks { get; set; }

    public RulesOfEngagement MaxRulesOfEngagement { get; set; } = RulesOfEngagement.MissionDefence;

    public int? MaxDurationDays { get; set; }

    public bool NationalApprovalRequired { get; set; }

    public CommandArrangement CommandArrangement { get; set; } = CommandArrangement.OperationalControl;

    public string? Remarks { get; set; }

    public bool CeasefireInForce { get; set; }

    public bool UsBackstop { get; set; }

    public bool UnMandate { get; set; }

    public bool ParliamentaryApproval { get; set; }

    /// <summary>Which other mandate the offer needs, when one.</summary>
    public string? OtherMandate { get; set; }

    /// <summary>Members whose participation the offer needs, comma-separated codes.</summary>
    public string? WithMembers { get; set; }

    public string? Notes { get; set; }

    /// <summary>Leave the label to the rule for offers (co-chairs, Secretariat, offering member).</summary>
    public bool DefaultLabel { get; set; } = true;

    public LabelFormModel Label { get; set; } = new();

    public string? Reason { get; set; }

    public int? ExpectedVersion { get; set; }

    /// <summary>The words of a task list that are not tasks; the form reports them instead of dropping them.</summary>
    public IReadOnlyList<string> UnknownTasks() =>
        Split(RefusedTasks).Where(t => !Enum.TryParse<ForceTask>(t, ignoreCase: true, out _)).ToList();

    public static OfferFormModel From(OfferDetail o, LabelFormModel label)
    {
        ArgumentNullException.ThrowIfNull(o);
        var plan = o.ReadinessPlan;
        return new OfferFormModel
        {
            MemberCode = o.MemberCode,
            Capability = o.Capability,
            UnitType = o.UnitType,
            Quantity = o.Quantity,
            Indivisible = o.Indivisible,
            NoticeToMoveDays = o.NoticeToMoveDays,
            Readiness = o.Readiness,
            PlanLevel1 = plan.Count > 0 ? plan[0].Level : null,
            PlanOn1 = plan.Count > 0 ? plan[0].ExpectedOn : null,
            PlanLevel2 = plan.Count > 1 ? plan[1].Level : null,
            PlanOn2 = plan.Count > 1 ? plan[1].ExpectedOn : null,
            AvailableFrom = o.AvailableFrom,
            AvailableUntil = o.AvailableUntil,
            AllowedSectors = string.Join(", ", o.Caveats.AllowedSectors),
            RefusedSectors = string.Join(", ", o.Caveats.RefusedSectors),
            RefusedTasks = string.Join(", ", o.Caveats.RefusedTasks),
            MaxRulesOfEngagement = o.Caveats.MaxRulesOfEngagement,
            MaxDurationDays = o.Caveats.MaxDurationDays,
            NationalApprovalRequired = o.Caveats.NationalApprovalRequired,
            CommandArrangement = o.Caveats.CommandArrangement,
            Remarks = o.Caveats.Remarks,
            CeasefireInForce = o.Conditions.Any(c => c.Kind == ConditionKind.CeasefireInForce),
            UsBackstop = o.Conditions.Any(c => c.Kind == ConditionKind.UsBackstop),
            UnMandate = o.Conditions.Any(c => c.Kind == ConditionKind.UnMandate),
            ParliamentaryApproval = o.Conditions.Any(c => c.Kind == ConditionKind.ParliamentaryApproval),
            OtherMandate = o.Conditions.FirstOrDefault(c => c.Kind == ConditionKind.OtherMandate)?.Text,
            WithMembers = string.Join(", ", o.Conditions.Where(c => c.Kind == ConditionKind.MemberParticipation).Select(c => c.Member)),
            Notes = o.Notes,
            DefaultLabel = false,
            Label = label,
            ExpectedVersion = o.Version,
        };
    }

    public RecordOfferRequest ToRecordRequest() => Fill(new RecordOfferRequest
    {
        MemberCode = MemberCode,
        Label = DefaultLabel ? null : Label.ToInput(),
    });

    public ReviseOfferRequest ToReviseRequest() => Fill(new ReviseOfferRequest
    {
        Reason = Reason,
        ExpectedVersion = ExpectedVersion,
        Label = Label.ToInput(),
    });

    private T Fill<T>(T request)
        where T : OfferInput
    {
        var plan = new List<PlanStepInput>();
        if (PlanLevel1 is not null || PlanOn1 is not null)
        {
            plan.Add(new PlanStepInput { Level = PlanLevel1, ExpectedOn = PlanOn1 });
        }

        if (PlanLevel2 is not null || PlanOn2 is not null)
        {
            plan.Add(new PlanStepInput { Level = PlanLevel2, ExpectedOn = PlanOn2 });
        }

        var conditions = new List<ConditionInput>();
        void Add(bool on, ConditionKind kind)
        {
            if (on)
            {
                conditions.Add(new ConditionInput { Kind = kind });
            }
        }

        Add(CeasefireInForce, ConditionKind.CeasefireInForce);
        Add(UsBackstop, ConditionKind.UsBackstop);
        Add(UnMandate, ConditionKind.UnMandate);
        Add(ParliamentaryApproval, ConditionKind.ParliamentaryApproval);
        if (!string.IsNullOrWhiteSpace(OtherMandate))
        {
            conditions.Add(new ConditionInput { Kind = ConditionKind.OtherMandate, Text = OtherMandate });
        }

        conditions.AddRange(Split(WithMembers).Select(m => new ConditionInput { Kind = ConditionKind.MemberParticipation, Member = m }));
        return request with
        {
            Capability = Capability,
            UnitType = UnitType,
            Quantity = Quantity,
            Indivisible = Indivisible,
            NoticeToMoveDays = NoticeToMoveDays,
            Readiness = Readiness,
            ReadinessPlan = plan,
            AvailableFrom = AvailableFrom,
            AvailableUntil = AvailableUntil,
            Caveats = new CaveatsInput
            {
                AllowedSectors = Split(AllowedSectors),
                RefusedSectors = Split(RefusedSectors),
                RefusedTasks = Split(RefusedTasks).Select(t => Enum.TryParse<ForceTask>(t, ignoreCase: true, out var v) ? v : (ForceTask?)null)
                    .Where(t => t is not null).Select(t => t!.Value).ToList(),
                MaxRulesOfEngagement = MaxRulesOfEngagement,
                MaxDurationDays = MaxDurationDays,
                NationalApprovalRequired = NationalApprovalRequired,
                CommandArrangement = CommandArrangement,
                Remarks = Remarks,
            },
            Conditions = conditions,
            Notes = Notes,
        };
    }

    private static List<string> Split(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
