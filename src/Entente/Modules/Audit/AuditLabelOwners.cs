using Entente.Infrastructure.Data;
using Entente.Infrastructure.Labels;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Entente.Modules.Audit;

/// <summary>
/// How an entity type's rows are labelled in the audit log. Every audited entity type either carries a label
/// (<see cref="ILabelled"/>), belongs to a labelled owner (<see cref="AuditAnnotations.LabelOwner"/>), or is declared a
/// platform record (<see cref="AuditAnnotations.PlatformRecord"/>); <see cref="Validate"/> refuses a model where one does
/// none of these, so a new child table can never fall back silently to a label that releases it to everyone.
/// </summary>
public static class AuditLabelOwners
{
    /// <summary>Whether changes to <paramref name="type"/> are written to the chain row by row.</summary>
    public static bool IsAudited(IReadOnlyEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.FindAnnotation(AuditAnnotations.NotAudited)?.Value is not true;
    }

    /// <summary>The foreign key from <paramref name="type"/> to its labelled owner, or null when it declares none.</summary>
    public static IReadOnlyForeignKey? OwnerKey(IReadOnlyEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.FindAnnotation(AuditAnnotations.LabelOwner)?.Value is not string owner)
        {
            return null;
        }

        return type.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType.Name == owner);
    }

    /// <summary>Throws when an audited entity type has no rule for the label of its audit entries.</summary>
    public static void Validate(IReadOnlyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        foreach (var type in model.GetEntityTypes())
        {
            if (!IsAudited(type) || type.BaseType is not null)
            {
                continue;
            }

            var labelled = typeof(ILabelled).IsAssignableFrom(type.ClrType);
            var owner = type.FindAnnotation(AuditAnnotations.LabelOwner)?.Value as string;
            var platform = type.FindAnnotation(AuditAnnotations.PlatformRecord)?.Value is true;
            if (labelled)
            {
                if (owner is not null || platform)
                {
                    problems.Add($"{type.DisplayName()} carries its own label; it cannot also be audited under another one.");
                }

                continue;
            }

            if (owner is not null && platform)
            {
                problems.Add($"{type.DisplayName()} is declared both a part of {owner} and a platform record.");
            }
            else if (owner is not null)
            {
                var principal = OwnerKey(type)?.PrincipalEntityType;
                if (principal is null)
                {
                    problems.Add($"{type.DisplayName()} names {owner} as the owner of its label but has no foreign key to it.");
                }
                else if (!typeof(ILabelled).IsAssignableFrom(principal.ClrType))
                {
                    problems.Add($"{type.DisplayName()} names {owner} as the owner of its label, which carries no label.");
                }
            }
            else if (!platform)
            {
                problems.Add(
                    $"{type.DisplayName()} carries no label: declare the labelled record it belongs to (IsAuditedUnderLabelOf) " +
                    "or that it is a platform record (IsAuditedAsPlatformRecord).");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The audit log cannot label every change: " + string.Join(" ", problems));
        }
    }

    /// <summary>Runs <see cref="Validate"/> on the finished model, so the host (and migrations tooling) refuses to start without a rule.</summary>
    public sealed class Convention : IModelFinalizedConvention
    {
        public IModel ProcessModelFinalized(IModel model)
        {
            Validate(model);
            return model;
        }
    }
}
