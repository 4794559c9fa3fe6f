using Entente.Infrastructure.Labels;

namespace Entente.Infrastructure.Security;

/// <summary>
/// Who is acting in the current unit of work (an HTTP request, a command-line invocation, a background job):
/// what it may read (<see cref="Scope"/>) and how the audit chain names it. Scoped; anonymous until
/// <see cref="CallerMiddleware"/> or the command line establishes it.
/// </summary>
public sealed class Caller
{
    public AccessScope Scope { get; private set; } = AccessScope.Anonymous;

    /// <summary>The user's id, when a user acts.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>How the audit log names the actor: a user name, <c>anonymous</c>, <c>cli:operator</c> or <c>system:job</c>.</summary>
    public string ActorName { get; private set; } = "anonymous";

    public string? Member => Scope.Member;

    /// <summary>Network origin of the action (remote IP address, or <c>cli</c> / <c>system</c>).</summary>
    public string? Origin { get; private set; }

    /// <summary>W3C trace id that ties the audit entry to logs and traces.</summary>
    public string? TraceId { get; private set; }

    /// <summary>How the caller authenticated: cookie, token:&lt;id&gt;, cli, system.</summary>
    public string? AuthenticationMethod { get; private set; }

    public void SetUser(Guid userId, string userName, AccessScope scope, string? origin, string? traceId, string? method)
    {
        ArgumentNullException.ThrowIfNull(scope);
        UserId = userId;
        ActorName = userName;
        Scope = scope;
        Origin = origin;
        TraceId = traceId;
        AuthenticationMethod = method;
    }

    public void SetAnonymous(string? origin, string? traceId)
    {
        UserId = null;
        ActorName = "anonymous";
        Scope = AccessScope.Anonymous;
        Origin = origin;
        TraceId = traceId;
        AuthenticationMethod = null;
    }

    /// <summary>The platform acting on its own behalf (jobs, migrations, the operator's command line).</summary>
    public void SetSystem(string actorName, string origin)
    {
        UserId = null;
        ActorName = actorName;
        Scope = AccessScope.System;
        Origin = origin;
        TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        AuthenticationMethod = origin;
    }
}
