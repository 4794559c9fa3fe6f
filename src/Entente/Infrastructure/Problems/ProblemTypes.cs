namespace Entente.Infrastructure.Problems;

/// <summary>
/// The stable problem <c>type</c> URIs of RFC 9457. They are relative references to pages this platform serves
/// (<c>/problems/{code}</c>), so a client can always resolve them against the API's base address and read what
/// the problem means. Clients must compare the <c>type</c>, never the <c>title</c> or <c>detail</c> text.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "/problems/";

    public static string For(string code) => Prefix + code;

    public static readonly ProblemType Validation = new("validation", "The request is not valid", 400,
        "One or more fields are missing, malformed or out of range. The `errors` member maps each field to its messages.");

    public static readonly ProblemType MalformedRequest = new("malformed-request", "The request body could not be read", 400,
        "The body is not well-formed JSON, or a value has the wrong type for its field.");

    public static readonly ProblemType Unauthenticated = new("unauthenticated", "Authentication is required", 401,
        "Sign in, or send an API token as `Authorization: Bearer <token>`.");

    public static readonly ProblemType Forbidden = new("forbidden", "Your role does not allow this action", 403,
        "You are signed in, but none of your roles permits the action. Records you may not see answer 404 instead.");

    public static readonly ProblemType TwoFactorRequired = new("two-factor-required", "Two-factor authentication is required", 403,
        "Administrators and Secretariat staff must enrol an authenticator app before using the platform.");

    public static readonly ProblemType PasswordChangeRequired = new("password-change-required", "A new password is required", 403,
        "You signed in with a one-time password from an administrator; choose your own password under /account/password first.");

    public static readonly ProblemType NotFound = new("not-found", "Not found", 404,
        "The resource does not exist, or it exists under a label that does not release it to you.");

    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", "Method not allowed", 405,
        "The resource exists but does not accept this HTTP method.");

    public static readonly ProblemType Conflict = new("conflict", "Conflict", 409,
        "The request conflicts with stored data, for example a code that is already taken.");

    public static readonly ProblemType PayloadTooLarge = new("payload-too-large", "The request body is too large", 413,
        "Send a smaller body, or split a batch.");

    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", "Unsupported media type", 415,
        "Send JSON with `Content-Type: application/json`.");

    public static readonly ProblemType RuleViolation = new("rule-violation", "A domain rule forbids this change", 422,
        "The request is well-formed but breaks a rule of the domain; `detail` says which.");

    public static readonly ProblemType RateLimited = new("rate-limited", "Too many requests", 429,
        "Wait for the number of seconds in `Retry-After` and try again.");

    public static readonly ProblemType ServerError = new("server-error", "An unexpected error occurred", 500,
        "The error was logged with the trace id in `traceId`; nothing was half-written.");

    public static readonly ProblemType Unavailable = new("unavailable", "The service is temporarily unavailable", 503,
        "A dependency such as the database is unavailable; retry after `Retry-After` seconds.");

    /// <summary>
    /// 507 (RFC 4918) rather than 503: the disk under the database is full, so repeating the write will fail until an
    /// operator frees space. Nothing of the refused write was stored and everything stored before stays intact.
    /// </summary>
    public static readonly ProblemType StorageFull = new("storage-full", "The platform has no room left to store this", 507,
        "The disk under the database is full: the write was refused and nothing of it was stored. Reading still works; " +
        "writing works again once an operator frees space.");

    /// <summary>Every generic problem type, for the documentation page.</summary>
    public static IReadOnlyList<ProblemType> All { get; } =
    [
        Validation, MalformedRequest, Unauthenticated, Forbidden, TwoFactorRequired, PasswordChangeRequired, NotFound, MethodNotAllowed,
        Conflict, PayloadTooLarge, UnsupportedMediaType, RuleViolation, RateLimited, ServerError, Unavailable,
        StorageFull,
    ];

    /// <summary>The generic type for an HTTP status, used when nothing more specific is known.</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => RuleViolation,
        429 => RateLimited,
        503 => Unavailable,
        507 => StorageFull,
        _ => ServerError,
    };
}

/// <summary>A documented problem type.</summary>
public sealed record ProblemType(string Code, string Title, int Status, string Description)
{
    public string Uri => ProblemTypes.For(Code);
}
