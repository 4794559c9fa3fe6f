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
            var property = target.GetType().GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return false;
            }

            if (i == parts.Length - 1)
            {
                store.Add(new FieldIdentifier(target, property.Name), error.Detail);
                context.NotifyValidationStateChanged();
                return true;
            }

            var next = property.GetValue(target);
            if (next is null)
            {
                return false;
            }

            target = next;
        }

        return false;
    }
}
