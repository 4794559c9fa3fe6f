using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Entente.Infrastructure.Problems;

/// <summary>
/// The one place where named domain errors become RFC 9457 problem responses. Every error's <c>type</c> is
/// <c>/problems/{code}</c>; validation errors also carry an <c>errors</c> map keyed by field.
/// </summary>
public static class ProblemResults
{
    public static ProblemHttpResult ToProblem(this DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = StatusFor(error.Kind);
        var generic = ProblemTypes.ForStatus(status);
        ProblemDetails details = error.Kind == ErrorKind.Validation
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [error.Field ?? ""] = [error.Detail],
            })
            : new ProblemDetails();
        details.Status = status;
        details.Type = error.Code is "validation" or "not-found" ? generic.Uri : ProblemTypes.For(error.Code);
        details.Title = generic.Title;
        details.Detail = error.Detail;
        if (error.Field is not null)
        {
            details.Extensions["field"] = error.Field;
        }

        return TypedResults.Problem(details);
    }

    /// <summary>A 404 that says nothing about whether the record exists under a label the caller cannot read.</summary>
    public static ProblemHttpResult NotFound(string what) => DomainError.NotFound(what).ToProblem();

    /// <summary>A validation problem for several fields at once.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors)
    {
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation.Uri,
            Title = ProblemTypes.Validation.Title,
            Detail = "One or more fields are not valid.",
        };
        return TypedResults.Problem(details);
    }

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.RuleViolation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
    };
}
