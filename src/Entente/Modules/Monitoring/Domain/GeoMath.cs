namespace Entente.Modules.Monitoring.Domain;

/// <summary>
/// Distances and positions on the WGS 84 sphere. Metres; degrees; bearings clockwise from true north. A mean Earth
/// radius is precise to about 0.5 %, far finer than any observation's own precision.
/// </summary>
public static class GeoMath
{
    public const double EarthRadiusMetres = 6_371_008.8;

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance (haversine).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        var φ1 = Radians(lat1);
        var φ2 = Radians(lat2);
        var dφ = φ2 - φ1;
        var dλ = Radians(lon2 - lon1);
        var a = (Math.Sin(dφ / 2) * Math.Sin(dφ / 2)) + (Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(dλ / 2) * Math.Sin(dλ / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The point <paramref name="metres"/> from a start along a bearing.</summary>
    public static (double Latitude, double Longitude) Destination(double latitude, double longitude, double bearingDegrees, double metres)
    {
        var δ = metres / EarthRadiusMetres;
        var θ = Radians(bearingDegrees);
        var φ1 = Radians(latitude);
        var λ1 = Radians(longitude);
        var φ2 = Math.Asin((Math.Sin(φ1) * Math.Cos(δ)) + (Math.Cos(φ1) * Math.Sin(δ) * Math.Cos(θ)));
        var λ2 = λ1 + Math.Atan2(Math.Sin(θ) * Math.Sin(δ) * Math.Cos(φ1), Math.Cos(δ) - (Math.Sin(φ1) * Math.Sin(φ2)));
        var lon = ((Degrees(λ2) + 540) % 360) - 180;
        return (Degrees(φ2), lon);
    }

    /// <summary>Degrees of latitude spanning <paramref name="metres"/>.</summary>
    public static double LatitudeDegrees(double metres) => Degrees(metres / EarthRadiusMetres);

    /// <summary>Degrees of longitude spanning <paramref name="metres"/> at a latitude (capped near the poles).</summary>
    public static double LongitudeDegrees(double metres, double latitude) =>
        Math.Min(360, LatitudeDegrees(metres) / Math.Max(0.01, Math.Cos(Radians(latitude))));

    public static double Radians(double degrees) => degrees * Math.PI / 180;

    public static double Degrees(double radians) => radians * 180 / Math.PI;
}
