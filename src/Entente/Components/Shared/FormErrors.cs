using System.Reflection;
using Entente.Infrastructure.Problems;
using Microsoft.AspNetCore.Components.Forms;

namespace Entente.Components.Shared;

/// <summary>
/// Shows a <see cref="DomainError"/> next to the form field it names. The error's field is a dotted path in the
/// API's spelling (<c>label.releasableTo</c>); it is matched, ignoring case, against the form model's properties
/// (<c>Input.Label.ReleasableTo</c>), so form models that mirror the API requests need no mapping.
/// </summary>
public static class FormErrors
{
    /// <summary>Attaches the error to its field; false when the error names no field of the model (show it above the form).</summary>
    public static bool Attach(EditContext context, ValidationMessageStore store, DomainError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrEmpty(error.Field))
        {
            return false;
        }

        var target = context.Model;
        var parts = error.Field.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            // A list element is named like the API names it: sources[1].publisher.
            var (name, index) = SplitIndex(parts[i]);
            var property = target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return false;
            }

            if (i == parts.Length - 1 && index is null)
            {
                store.Add(new FieldIdentifier(target, property.Name), error.Detail);
                context.NotifyValidationStateChanged();
                return true;
            }

            var next = property.GetValue(target);
            if (index is { } at)
            {
                next = next is System.Collections.IList list && at >= 0 && at < list.Count ? list[at] : null;
            }

            if (next is null || i == parts.Length - 1)
            {
                return false;
            }

            target = next;
        }

        return false;
    }

    private static (string Name, int? Index) SplitIndex(string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && part.EndsWith(']')
            && int.TryParse(part.AsSpan(open + 1, part.Length - open - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (part[..open], index)
            : (part, null);
    }
}
