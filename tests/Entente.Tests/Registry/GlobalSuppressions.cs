using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments",
    Scope = "namespaceanddescendants", Target = "~N:Entente.Tests.Registry",
    Justification = "Request bodies in tests are written inline so that each test reads as the request it sends.")]
