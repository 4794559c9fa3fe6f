using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entente.Infrastructure.Data;

/// <summary>Writes instants as UTC and reads them back with <see cref="DateTimeKind.Utc"/>.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
