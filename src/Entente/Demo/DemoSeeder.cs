using Entente.Infrastructure;
using Entente.Infrastructure.Data;
using Entente.Infrastructure.Jobs;
using Entente.Infrastructure.Labels;
using Entente.Modules.Identity.Domain;
using Entente.Modules.Ledger.Contracts;
using Entente.Modules.Monitoring.Contracts;
using Entente.Modules.Registry.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entente.Demo;

/// <summary>
/// Fills a new installation with demo data: the coalition's members and their statuses, a few delegates under
/// different labels, and one demo user per role with a generated password (and, for the roles that need it,
/// an enrolled authenticator). Credentials exist only in what <see cref="Print"/> writes; they are never stored in
/// clear or kept in the repository.
/// </summary>
public sealed class DemoSeeder(
    EntenteDbContext db, UserManager<EntenteUser> users, PlatformOptions platform, TimeProvider time, IFxRates rates, ObservationIngest ingest, AgreementCatalog agreements)
{
    public const string SecretariatCode = "CSEC";
    public const string SeededSetting = "demo.seeded-at";

    public static IReadOnlyList<DemoUserSpec> UserSpecs { get; } =
    [
        new("admin", "Demo Administrator", Roles.Administrator, SecretariatCode, ClassificationLevels.Secret),
        new("secretariat", "Demo Secretariat Officer", Roles.Secretariat, SecretariatCode, ClassificationLevels.Secret),
        new("delegate.gbr", "Demo Delegate (United Kingdom)", Roles.Delegate, "GBR", ClassificationLevels.Confidential),
        new("delegate.fra", "Demo Delegate (France)", Roles.Delegate, "FRA", ClassificationLevels.Confidential),
        new("delegate.pol", "Demo Delegate (Poland)", Roles.Delegate, "POL", ClassificationLevels.Restricted),
        new("monitor", "Demo Monitor", Roles.Monitor, SecretariatCode, ClassificationLevels.Restricted),
        new("analyst", "Demo Analyst", Roles.Analyst, SecretariatCode, ClassificationLevels.Confidential),
        // Sharing: releasers of the co-chairs (two for the United Kingdom, so releases above CONFIDENTIAL can get four eyes).
        new("releaser.gbr", "Demo Releaser (United Kingdom)", Roles.Releaser, "GBR", ClassificationLevels.Secret),
        new("releaser.gbr2", "Demo Second Releaser (United Kingdom)", Roles.Releaser, "GBR", ClassificationLevels.Secret),
        new("releaser.fra", "Demo Releaser (France)", Roles.Releaser, "FRA", ClassificationLevels.Secret),
    ];

    /// <summary>Seeds everything; returns the generated credentials.</summary>
    public async Task<IReadOnlyList<DemoCredential>> SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        foreach (var spec in DemoRegistry.Members)
        {
            if (await db.Members.IgnoreQueryFilters().AnyAsync(m => m.Code == spec.Code, cancellationToken))
            {
                continue;
            }

            var member = Member.Register(spec.Code, spec.Name, spec.Kind, AddDemoNote(spec.Notes), Label.Public, now).Value!;
            var status = member.RecordStatus(spec.Status, spec.From, "Demo data from public reporting.", platform.CoalitionFounded, today, now);
            if (!status.IsSuccess)
            {
                throw new InvalidOperationException($"Demo status for {spec.Code}: {status.Error!.Detail}");
            }

            db.Members.Add(member);
        }

        await db.SaveChangesAsync(cancellationToken);

        var credentials = new List<DemoCredential>();
        var userIds = new Dictionary<string, Guid>();
        foreach (var spec in UserSpecs)
        {
            var credential = await CreateUserAsync(spec, now);
            credentials.Add(credential);
            userIds[spec.UserName] = credential.UserId;
        }

        AddDelegates(now, userIds);
        foreach (var pledge in DemoLedger.Build(rates, platform.CoalitionFounded, today, now))
        {
            db.Pledges.Add(pledge);
            db.PledgeVersions.AddRange(pledge.TakeNewVersions());
        }

        db.Settings.Add(new PlatformSetting { Key = SeededSetting, Value = now.ToString("O"), UpdatedAt = now });
        if (!await db.Meetings.IgnoreQueryFilters().AnyAsync(m => m.Title.EndsWith(DemoMeetings.Marker), cancellationToken))
        {
            db.Meetings.AddRange(DemoMeetings.Build(now));
        }
        if (!await db.Agreements.IgnoreQueryFilters().AnyAsync(a => a.Code == DemoMonitoring.AgreementCode, cancellationToken))
        {
            db.Agreements.Add(DemoMonitoring.Agreement(now));
            db.AlertRules.AddRange(DemoMonitoring.AlertRules(now));
        }

        DemoProcedures.AddTo(db, now);
        await DemoRequirements.AddToAsync(db, now, cancellationToken);
        db.Offers.AddRange(DemoOffers.Build(today, now));
        if (!await db.ForceScenarios.IgnoreQueryFilters().AnyAsync(s => s.CreatedBy == DemoScenarios.Actor, cancellationToken))
        {
            db.ForceScenarios.AddRange(DemoScenarios.Build(now));
        }

        // Sharing, documents.
        db.Documents.AddRange(DemoDocuments.Build(now));
        await db.SaveChangesAsync(cancellationToken);
        await DemoConference.AddToAsync(db, now, cancellationToken);
        await DemoSharing.AddToAsync(db, userIds, now, cancellationToken); // Sharing groups and releases.
        await DemoMessages.AddToAsync(db, userIds, now, cancellationToken); // Sharing: messages and threads.
        agreements.Invalidate();
        await ingest.IngestAsync(DemoMonitoring.Observations(now), "RESTRICTED", cancellationToken);
        return credentials;
    }

    /// <summary>Removes demo users, delegates and members (the audit chain keeps their history), then seeds again.</summary>
    public async Task<IReadOnlyList<DemoCredential>> ResetAsync(CancellationToken cancellationToken)
    {
        var demoUsers = await db.Users.Where(u => u.IsDemo).ToListAsync(cancellationToken);
        await DemoMessages.RemoveAsync(db, [.. demoUsers.Select(u => u.Id)], cancellationToken); // Sharing: messages and threads.
        foreach (var user in demoUsers)
        {
            var result = await users.DeleteAsync(user);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not remove demo user {user.UserName}: {Describe(result)}");
            }
        }

        var codes = DemoRegistry.Members.Select(m => m.Code).ToList();
        // Pledges of the demo coalition go with it: tranches first, then packages (transitions and versions cascade).
        var pledges = await db.Pledges.IgnoreQueryFilters().Where(p => codes.Contains(p.DonorCode)).ToListAsync(cancellationToken);
        db.Pledges.RemoveRange(pledges.Where(p => p.ParentId != null));
        await db.SaveChangesAsync(cancellationToken);
        db.Pledges.RemoveRange(pledges.Where(p => p.ParentId == null));
        db.Meetings.RemoveRange(await db.Meetings.IgnoreQueryFilters().Where(m => m.Title.EndsWith(DemoMeetings.Marker)).ToListAsync(cancellationToken));
        await DemoConference.RemoveAsync(db, cancellationToken);
        db.RequirementLines.RemoveRange(await db.RequirementLines.IgnoreQueryFilters().Where(l => l.CreatedBy == DemoRequirements.Actor).ToListAsync(cancellationToken));
        db.Offers.RemoveRange(await db.Offers.IgnoreQueryFilters().Where(o => codes.Contains(o.MemberCode)).ToListAsync(cancellationToken));
        db.ForceScenarios.RemoveRange(await db.ForceScenarios.IgnoreQueryFilters().Where(s => s.CreatedBy == DemoScenarios.Actor).ToListAsync(cancellationToken));
        // Sharing, documents.
        db.Documents.RemoveRange(await db.Documents.IgnoreQueryFilters().Where(d => d.CreatedBy == DemoDocuments.Actor).ToListAsync(cancellationToken));
        db.Delegates.RemoveRange(await db.Delegates.IgnoreQueryFilters().Where(d => codes.Contains(d.MemberCode)).ToListAsync(cancellationToken));
        db.Members.RemoveRange(await db.Members.IgnoreQueryFilters().Include(m => m.Statuses).Where(m => codes.Contains(m.Code)).ToListAsync(cancellationToken));
        db.Settings.RemoveRange(await db.Settings.Where(s => s.Key == SeededSetting).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await SeedAsync(cancellationToken);
    }

    public static void Print(IReadOnlyList<DemoCredential> credentials, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine("==================================================================================");
        output.WriteLine(" Entente demo data was created. These credentials are shown once and not stored.");
        output.WriteLine(" Administrator and Secretariat sign in with an authenticator code: add the key to");
        output.WriteLine(" an authenticator app, or run 'entente demo code <user>' for the current code.");
        output.WriteLine("==================================================================================");
        foreach (var c in credentials)
        {
            output.WriteLine($"  {c.UserName,-14} {c.Role,-14} password: {c.Password}");
            if (c.AuthenticatorKey is not null)
            {
                output.WriteLine($"  {"",-14} {"",-14} authenticator key: {c.AuthenticatorKey}");
            }
        }

        output.WriteLine("==================================================================================");
        output.WriteLine();
        output.Flush();
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alikes.</summary>
    public static string GeneratePassword() => GeneratedPassword.Create();

    private async Task<DemoCredential> CreateUserAsync(DemoUserSpec spec, DateTime now)
    {
        var user = new EntenteUser
        {
            UserName = spec.UserName,
            Email = $"{spec.UserName}@demo.entente.invalid",
            EmailConfirmed = true,
            DisplayName = spec.DisplayName,
            MemberCode = spec.Member,
            Clearance = spec.Clearance,
            CreatedAt = now,
            IsDemo = true,
        };
        var password = GeneratePassword();
        Check(await users.CreateAsync(user, password), spec.UserName);
        Check(await users.AddToRoleAsync(user, spec.Role), spec.UserName);
        string? key = null;
        if (Roles.RequiringTwoFactor.Contains(spec.Role))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user), spec.UserName);
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true), spec.UserName);
        }

        return new DemoCredential(user.Id, spec.UserName, spec.Role, password, key);
    }

    private void AddDelegates(DateTime now, Dictionary<string, Guid> userIds)
    {
        var restricted = Label.Create(ClassificationLevels.Restricted, tlp: TlpMarking.Amber, categories: ["PERS"]);
        Add("GBR", "Alex Morgan (demo)", "Head of delegation", "gbr.hod@demo.entente.invalid", true, userIds["delegate.gbr"], restricted);
        Add("FRA", "Camille Laurent (demo)", "Cheffe de délégation", "fra.hod@demo.entente.invalid", true, userIds["delegate.fra"], restricted);
        Add("POL", "Jan Kowalski (demo)", "Head of delegation", "pol.hod@demo.entente.invalid", true, userIds["delegate.pol"], restricted);
        Add("DEU", "Lena Becker (demo)", "Military representative", "deu.milrep@demo.entente.invalid", false, null, restricted);
        // A liaison known only to the co-chairs and the Secretariat: CONFIDENTIAL, releasable to GBR, FRA and CSEC.
        Add("UKR", "Liaison officer (demo)", "Liaison to the co-chairs", null, false, null,
            Label.Create(ClassificationLevels.Confidential, ["GBR", "FRA", SecretariatCode], originator: "GBR", tlp: TlpMarking.AmberStrict, categories: ["PERS", "OPS"]));

        void Add(string member, string name, string position, string? email, bool head, Guid? userId, Label label) =>
            db.Delegates.Add(Representative.Appoint(member, name, position, email, null, head, userId, label, now).Value!);
    }

    private static string AddDemoNote(string? notes) =>
        string.IsNullOrEmpty(notes) ? "Demo data from public reporting." : $"{notes} Demo data from public reporting.";

    private static void Check(IdentityResult result, string user)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {user}: {Describe(result)}");
        }
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}

public sealed record DemoUserSpec(string UserName, string DisplayName, string Role, string Member, int Clearance);

public sealed record DemoCredential(Guid UserId, string UserName, string Role, string Password, string? AuthenticatorKey);
