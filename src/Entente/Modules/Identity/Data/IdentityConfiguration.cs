using Entente.Infrastructure.Data;
using Entente.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entente.Modules.Identity.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<EntenteUser>
{
    public void Configure(EntityTypeBuilder<EntenteUser> builder)
    {
        builder.ToTable("identity_users");
        builder.IsAuditedAsPlatformRecord();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.MemberCode).HasMaxLength(8);
        builder.HasIndex(u => u.MemberCode);
        builder.Property(u => u.PasswordHash).IsRedactedInAudit();
        builder.Property(u => u.SecurityStamp).IsIgnoredByAudit();
        builder.Property(u => u.ConcurrencyStamp).IsIgnoredByAudit();
        builder.Property(u => u.AccessFailedCount).IsIgnoredByAudit();
        builder.Property(u => u.LastSeenAt).IsIgnoredByAudit();
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<EntenteRole>
{
    public void Configure(EntityTypeBuilder<EntenteRole> builder)
    {
        builder.ToTable("identity_roles");
        builder.IsAuditedAsPlatformRecord();
        builder.Property(r => r.ConcurrencyStamp).IsIgnoredByAudit();
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> builder) => builder.ToTable("identity_user_roles").IsAuditedAsPlatformRecord();
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("identity_user_claims").IsAuditedAsPlatformRecord();
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("identity_user_logins").IsAuditedAsPlatformRecord();
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder)
    {
        builder.ToTable("identity_user_tokens");
        builder.IsAuditedAsPlatformRecord();
        // Authenticator keys and recovery codes.
        builder.Property(t => t.Value).IsRedactedInAudit();
    }
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> builder) => builder.ToTable("identity_role_claims").IsAuditedAsPlatformRecord();
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("identity_api_tokens");
        builder.IsAuditedAsPlatformRecord();
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsRedactedInAudit();
        builder.Property(t => t.RevokedBy).HasMaxLength(256);
        builder.Property(t => t.LastUsedAt).IsIgnoredByAudit();
        builder.Property(t => t.LastUsedFrom).HasMaxLength(64).IsIgnoredByAudit();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<EntenteUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
