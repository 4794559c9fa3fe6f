using System.Diagnostics;

namespace Entente.Infrastructure.Problems;

/// <summary>Fills in what every problem response carries: a stable type, a title, the instance path and the trace id.</summary>
public static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        var generic = ProblemTypes.ForStatus(status);
        if (string.IsNullOrEmpty(problem.Type) || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal) || problem.Type == "about:blank")
        {
            problem.Type = generic.Uri;
            problem.Title = generic.Title;
        }

        problem.Title ??= generic.Title;
        if (problem is HttpValidationProblemDetails && problem.Type == ProblemTypes.Validation.Uri)
        {
            problem.Detail ??= "One or more fields are not valid.";
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        if (status == StatusCodes.Status404NotFound && problem.Detail is null)
        {
            problem.Detail = "No such resource, or it is not released to you.";
        }
    }
}
