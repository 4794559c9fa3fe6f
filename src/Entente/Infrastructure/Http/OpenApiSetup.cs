using Entente.Infrastructure.Problems;
using Microsoft.OpenApi;

namespace Entente.Infrastructure.Http;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    private static readonly string[] CommonStatuses = ["400", "401", "404", "429"];

    public static IServiceCollection AddEntenteOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Entente API",
                    Version = "v1",
                    Description =
                        "The coalition's coordination platform. Every record is read under its confidentiality label: " +
                        "records you may not see answer 404 and are left out of lists, counts and exports. Errors are " +
                        "RFC 9457 problem details whose `type` is a stable URI under `/problems/`. Authenticate with a " +
                        "session cookie or `Authorization: Bearer <token>` (issue tokens under /account/tokens or with " +
                        "`entente tokens issue`).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token: `ent_<id>_<secret>`.",
                };
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas["ProblemDetails"] = ProblemDetailsSchema();
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference("bearer", document)] = [],
                });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Every operation can answer with a problem; document the ones every caller meets.
                operation.Responses ??= [];
                foreach (var status in CommonStatuses)
                {
                    if (!operation.Responses.ContainsKey(status))
                    {
                        operation.Responses[status] = new OpenApiResponse
                        {
                            Description = ProblemTypes.ForStatus(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)).Title,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/problem+json"] = new OpenApiMediaType
                                {
                                    Schema = new OpenApiSchemaReference("ProblemDetails", context.Document),
                                },
                            },
                        };
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Compare `type`, a stable URI under /problems/.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable problem type URI, such as /problems/validation." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation messages by field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
