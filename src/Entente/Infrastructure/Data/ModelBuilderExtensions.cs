using Entente.Infrastructure.Labels;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Infrastructure.Data;

public static class ModelBuilderExtensions
{
    /// <summary>Maps <see cref="ILabelled.Label"/> as a complex property with <c>label_*</c> columns.</summary>
    public static EntityTypeBuilder<T> HasLabel<T>(this EntityTypeBuilder<T> builder)
        where T : class, ILabelled
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ComplexProperty(e => e.Label, label => label.HasLabelColumns());
        return builder;
    }

    /// <summary>The columns of a <see cref="Label"/> stored as a complex property (any label, not only <see cref="ILabelled.Label"/>).</summary>
    public static ComplexPropertyBuilder<Label> HasLabelColumns(this ComplexPropertyBuilder<Label> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        label.Property(l => l.Policy).HasMaxLength(32).IsRequired();
        label.Property(l => l.Classification).IsRequired();
        label.Property(l => l.ReleasableTo).HasMaxLength(Label.MaxReleasableTo * 10).IsRequired();
        label.Property(l => l.SharingGroupId);
        label.Property(l => l.Originator).HasMaxLength(8);
        label.Property(l => l.Tlp).HasConversion<string>().HasMaxLength(16).IsRequired();
        label.Property(l => l.Categories).HasMaxLength(1000).IsRequired();
        return label;
    }

    /// <summary>
    /// Declares that rows of <typeparamref name="T"/> are parts of a <typeparamref name="TOwner"/> (reached through
    /// their foreign key to it) and are audited under the owner's label.
    /// </summary>
    public static EntityTypeBuilder<T> IsAuditedUnderLabelOf<T, TOwner>(this EntityTypeBuilder<T> builder)
        where T : class
        where TOwner : class, ILabelled
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(AuditAnnotations.LabelOwner, typeof(TOwner).FullName);
    }

    /// <summary>
    /// Declares that rows of <typeparamref name="T"/> belong to no labelled record and are audited as platform records
    /// (readable by every administrator allowed to read unlabelled records).
    /// </summary>
    public static EntityTypeBuilder<T> IsAuditedAsPlatformRecord<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(AuditAnnotations.PlatformRecord, true);
    }

    public static PropertyBuilder<TProperty> IsRedactedInAudit<TProperty>(this PropertyBuilder<TProperty> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(AuditAnnotations.Redact, true);
    }

    public static PropertyBuilder<TProperty> IsIgnoredByAudit<TProperty>(this PropertyBuilder<TProperty> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(AuditAnnotations.Ignore, true);
    }
}
