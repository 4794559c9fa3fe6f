namespace Entente.Infrastructure.Problems;

/// <summary>How a <see cref="DomainError"/> maps to HTTP; the mapping lives in <see cref="ProblemResults"/> only.</summary>
public enum ErrorKind
{
    /// <summary>The request is malformed or a field is invalid (400).</summary>
    Validation,

    /// <summary>The record does not exist for this caller (404) — also what a caller gets for records it may not see.</summary>
    NotFound,

    /// <summary>The request conflicts with stored state, such as a duplicate code (409).</summary>
    Conflict,

    /// <summary>The request is well-formed but a domain rule forbids it (422).</summary>
    RuleViolation,

    /// <summary>The caller is known but its role does not allow the action (403).</summary>
    Forbidden,
}

/// <summary>
/// A named domain error. <see cref="Code"/> is stable (it becomes the problem <c>type</c> URI
/// <c>/problems/{code}</c>), <see cref="Detail"/> is for people, <see cref="Field"/> names the input at fault.
/// </summary>
public sealed record DomainError(string Code, string Detail, ErrorKind Kind = ErrorKind.RuleViolation, string? Field = null)
{
    public static DomainError NotFound(string what) =>
        new("not-found", $"{what} was not found.", ErrorKind.NotFound);

    public static DomainError Invalid(string field, string detail) =>
        new("validation", detail, ErrorKind.Validation, field);
}

/// <summary>The outcome of a domain operation: success, or one named error.</summary>
public readonly record struct Result
{
    private Result(DomainError? error) => Error = error;

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success { get; } = new(null);

    public static implicit operator Result(DomainError error) => new(error);
}

/// <summary>The outcome of a domain operation that produces a value.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
