using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;

namespace Dossier.Core;

/// <summary>An error Dossier reports to its user: the message says what was bad, where, and what to do.</summary>
public sealed class DossierException : Exception
{
    public DossierException()
    {
    }

    public DossierException(string message)
        : base(message)
    {
    }

    public DossierException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The one throw helper. Methods are named <c>ExceptionType_Reason</c>.</summary>
[StackTraceHidden]
public static class DossierThrow
{
    [DoesNotReturn]
    public static void Dossier_ArticleNotFound(string id) =>
        throw new DossierException($"No article '{id}' in the store. Run 'dossier list' to see the ids.");

    [DoesNotReturn]
    public static void Dossier_AmbiguousId(string id, int matches) =>
        throw new DossierException($"Article id prefix '{id}' matches {matches} articles; give more characters.");

    [DoesNotReturn]
    public static void Dossier_StoreSchemaTooNew(string where, int found, int supported) =>
        throw new DossierException($"Store '{where}' has schema version {found}, newer than this dossier supports ({supported}). Upgrade dossier.");

    [DoesNotReturn]
    public static void Dossier_BadStoreLocation(string location, string reason) =>
        throw new DossierException($"Cannot open store '{location}': {reason}.");

    [DoesNotReturn]
    public static void Dossier_BadOption(string option, string value, string expected) =>
        throw new DossierException($"Option {option} got '{value}'; expected {expected}.");

    [DoesNotReturn]
    public static void Dossier_StoryNotFound(string id) =>
        throw new DossierException($"No story '{id}' in the store. Run 'dossier stories' to see the ids.");

    [DoesNotReturn]
    public static void Dossier_ModelMissing(string resource) =>
        throw new DossierException($"Embedded model resource '{resource}' is missing from the Dossier assembly; rebuild it (see docs/quality.md).");

    [DoesNotReturn]
    public static void Argument_OutOfRange(string name, object value, string expected) =>
        throw new ArgumentOutOfRangeException(name, value, expected);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
