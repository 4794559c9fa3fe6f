using System.Diagnostics;

namespace Entente.Infrastructure.Problems;

/// <summary>Fills in what every problem response carries: a stable type, a title, the instance path and the trace id.</summary>
public static class ProblemDetailsDefaults
{
    /// <summary>
    /// <see cref="HttpContext.Items"/> key under which the problem type of the response is left, for middleware that
    /// runs after the endpoint (the denied-access audit records refusals by their type).
    /// </summary>
    public const string ProblemTypeItem = "entente.problem-type";

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
        if (problem is HttpValidationProblemDetails validation)
        {
            if (problem.Type == ProblemTypes.Validation.Uri)
            {
                problem.Detail ??= "One or more fields are not valid.";
            }

            // Automatic validation names fields after the C# properties; clients know them by their JSON names.
            validation.Errors = validation.Errors.ToDictionary(e => JsonFieldName(e.Key), e => e.Value, StringComparer.Ordinal);
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        context.HttpContext.Items[ProblemTypeItem] = problem.Type;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        if (status == StatusCodes.Status404NotFound && problem.Detail is null)
        {
            problem.Detail = "No such resource, or it is not released to you.";
        }
    }

    /// <summary><c>Request.LifetimeDays</c> becomes <c>request.lifetimeDays</c>, like the JSON it came from.</summary>
    private static string JsonFieldName(string key) =>
        string.Join('.', key.Split('.').Select(part => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(part)));
}
