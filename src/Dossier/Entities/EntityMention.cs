namespace Dossier.Entities;

/// <summary>Entity types, CoNLL-style.</summary>
public enum EntityType
{
    Person,
    Organization,
    Location,
    Misc,
}

/// <summary>
/// One mention of a named entity (or a resolvable reference: pronoun, role noun, surname) in an article's
/// cleaned text, <c>[Start, End)</c>. <see cref="Cluster"/> links mentions of one entity within the article.
/// </summary>
public sealed record EntityMention
{
    public required int Start { get; init; }

    public required int End { get; init; }

    public required string Text { get; init; }

    public required EntityType Type { get; init; }

    /// <summary>Index into <see cref="EntityLayer.Entities"/> of the in-article entity this mention refers to; -1 if none.</summary>
    public int Cluster { get; init; } = -1;

    /// <summary>Name, Pronoun, Nominal (role noun such as "the minister"), or Metonym.</summary>
    public MentionKind Kind { get; init; } = MentionKind.Name;

    /// <summary>A role stated next to the mention ("South Korean Unification Minister").</summary>
    public string? Role { get; init; }

    /// <summary>The mention is in a contributor, byline or credit line ("... contributed to this report", "(Yonhap)"), not about the story.</summary>
    public bool IsContributor { get; init; }
}

public enum MentionKind
{
    Name,
    Pronoun,
    Nominal,
    Metonym,
}

/// <summary>An entity within one article: the mentions that refer to it, with its best name.</summary>
public sealed record ArticleEntity(int Index, string Name, EntityType Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> Roles, bool IsContributor);

/// <summary>The entities layer of an article.</summary>
public sealed record EntityLayer(IReadOnlyList<EntityMention> Mentions, IReadOnlyList<ArticleEntity> Entities);
