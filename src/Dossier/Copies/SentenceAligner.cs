using Dossier.Core;

namespace Dossier.Copies;

/// <summary>How a passage of two related texts compares.</summary>
public enum PassageStatus
{
    /// <summary>In both texts with the same words.</summary>
    Shared,

    /// <summary>In both texts, reworded (same content terms, other words or order).</summary>
    Reworded,

    /// <summary>Only in the later text.</summary>
    New,

    /// <summary>Only in the earlier text.</summary>
    Dropped,
}

/// <summary>One sentence pair of an alignment (<c>-1</c> on the side that lacks it).</summary>
public readonly record struct SentenceMatch(int A, int B, PassageStatus Status, double Score);

/// <summary>Options of the sentence alignment.</summary>
public sealed record AlignOptions
{
    public static AlignOptions Default { get; } = new();

    /// <summary>Least Dice overlap of content terms for two sentences to count as one reworded sentence.</summary>
    public double MinReworded { get; init; } = 0.55;

    /// <summary>Least shared content terms for a reworded match (verbatim sentences need none).</summary>
    public int MinSharedTerms { get; init; } = 3;

    /// <summary>Least share of the numbers and names of the sentence with fewer of them that the other must carry.</summary>
    public double MinSharedNumbers { get; init; } = 0.4;

    /// <summary>Terms found in more sentences than this are too common to propose a match.</summary>
    public int MaxTermSentences { get; init; } = 256;
}

/// <summary>
/// The sentence alignment of two texts and what it says: how much of each text the other carries, verbatim
/// or reworded. Weights are content-term counts, so a short dateline counts less than a long claim.
/// </summary>
public sealed class Alignment
{
    internal Alignment(CopyProfile a, CopyProfile b, SentenceMatch[] matches, int[]? halvesA = null, int[]? halvesB = null)
    {
        A = a;
        B = b;
        Matches = matches;
        double wa = 0, wb = 0, ma = 0, mb = 0, va = 0, vb = 0;
        int factsShared = 0, factsTotal = 0, figuresShared = 0, figuresTotal = 0;
        List<(int B, ulong[] FiguresA)>? updated = null;
        for (var i = 0; i < a.Sentences.Length; i++)
        {
            wa += a.TermWeight(i);
        }

        for (var i = 0; i < b.Sentences.Length; i++)
        {
            wb += b.TermWeight(i);
        }

        var repeated = Repeated(b, matches);
        foreach (var m in matches)
        {
            if (m.A >= 0 && m.B >= 0)
            {
                var fa = a.SentenceNumbers[m.A];
                var fb = b.SentenceNumbers[m.B];
                factsShared += CopyProfile.Intersect(fa, fb);
                factsTotal += Math.Min(fa.Length, fb.Length);
                var na = a.SentenceFigures[m.A];
                var nb = b.SentenceFigures[m.B];
                var sharedFigures = CopyProfile.Intersect(na, nb);
                figuresShared += sharedFigures;
                figuresTotal += Math.Min(na.Length, nb.Length);
                // Another figure in the place of one of A's: the sentence was updated (a figure only cut or only added is an edit).
                if (sharedFigures < na.Length && sharedFigures < nb.Length)
                {
                    UpdatedFigures++;
                    (updated ??= []).Add((m.B, na));
                }

                if (a.SentenceTerms[m.A].Length >= SentenceAligner.SubstantialTerms)
                {
                    SubstantialMatches++;
                }
                ma += a.TermWeight(m.A);
                mb += b.TermWeight(m.B);
                if (m.Status == PassageStatus.Shared)
                {
                    va += a.TermWeight(m.A);
                    vb += b.TermWeight(m.B);
                    SharedCount++;
                }
                else
                {
                    RewordedCount++;
                }
            }
            else if (m.A >= 0 && halvesA is not null && halvesA[m.A] >= 0)
            {
                // Half of a sentence merged with its neighbour in b: carried, not dropped.
                ma += a.TermWeight(m.A);
                SubstantialMatches += a.SentenceTerms[m.A].Length >= SentenceAligner.SubstantialTerms ? 1 : 0;
                MergedCount++;
            }
            else if (m.B >= 0 && halvesB is not null && halvesB[m.B] >= 0)
            {
                // Half of a sentence of a split in two in b: carried, not new.
                mb += b.TermWeight(m.B);
                MergedCount++;
            }
            else if (m.B >= 0 && repeated is not null && repeated[m.B])
            {
                // One of b's carried sentences told again (a pull quote): the story's words, not new text.
                mb += b.TermWeight(m.B);
            }
            else if (m.A >= 0)
            {
                DroppedCount++;
                DroppedFirst |= m.A == 0;
                DroppedLast |= m.A == a.Sentences.Length - 1;
            }
            else
            {
                NewCount++;
            }
        }

        // Where b's new text sits: a block on top, a block at the bottom, or elsewhere.
        var isNew = new bool[b.Sentences.Length];
        var unmatched = new bool[b.Sentences.Length];
        foreach (var m in matches)
        {
            if (m.A < 0)
            {
                isNew[m.B] = (halvesB is null || halvesB[m.B] < 0) && (repeated is null || !repeated[m.B]);
                unmatched[m.B] = true;
            }
        }

        // A headline or dateline line on top (above everything carried) names the story and reports nothing: it is no new
        // text of substance.
        var headline = new bool[b.Sentences.Length];
        for (var j = 0; j < Math.Min(HeadlineLines, b.Sentences.Length) && isNew[j]; j++)
        {
            headline[j] = CopyText.IsHeadline(b.Text, b.Sentences[j]) || CopyText.IsSlug(b.Text, b.Sentences[j]);
        }

        // Lines at the bottom that report nothing: a web page's list of links under the story ("Read more:", headline
        // words of other stories), each a line of its own without a sentence's end and without figures (or marked as a
        // list item). A reprint adds them; an update's new end is written in sentences.
        for (var j = b.Sentences.Length - 1; j > 0 && isNew[j] && CopyText.IsLinkLine(b.Text, b.Sentences[j]) && b.Sentences[j - 1].Paragraph != b.Sentences[j].Paragraph; j--)
        {
            headline[j] = true;
        }

        // A figure updated in a matched sentence, with a new sentence beside it that gives the figure it replaced ("had
        // previously been given as 4.8 pct"): the wire's revision of a figure, saying what it was. (Such a sentence shares
        // the figure and its unit with the one updated, so it may read as its other half: it is unmatched all the same.)
        if (updated is not null)
        {
            foreach (var (jb, figuresA) in updated)
            {
                for (var k = Math.Max(0, jb - 1); k <= Math.Min(b.Sentences.Length - 1, jb + 1) && !RevisedFigureNoted; k++)
                {
                    if (unmatched[k])
                    {
                        foreach (var f in figuresA)
                        {
                            RevisedFigureNoted |= b.SentenceFigures[jb].AsSpan().BinarySearch(f) < 0 && b.SentenceFigures[k].AsSpan().BinarySearch(f) >= 0;
                        }
                    }
                }
            }
        }

        double lead = 0, tail = 0, added = 0;
        var run = 0;
        var inRun = false;
        for (var j = 0; j < b.Sentences.Length; j++)
        {
            added += isNew[j] && !headline[j] ? b.TermWeight(j) : 0;
            // Blocks count sentences of substance (>= 3 content terms): "All rights reserved." adds no news.
            if (!isNew[j])
            {
                run = 0;
                inRun = false;
            }
            else if (b.SentenceTerms[j].Length >= SentenceAligner.SubstantialTerms && !headline[j])
            {
                run++;
                NewRuns += inRun ? 0 : 1;
                inRun = true;
            }

            LongestNewRun = Math.Max(LongestNewRun, run);
        }

        var leadEnd = 0;
        for (; leadEnd < b.Sentences.Length && isNew[leadEnd]; leadEnd++)
        {
            if (!headline[leadEnd])
            {
                lead += b.TermWeight(leadEnd);
                NewLeadSentences += b.SentenceTerms[leadEnd].Length >= SentenceAligner.SubstantialTerms ? 1 : 0;
            }
        }

        var tailStart = b.Sentences.Length;
        for (var j = b.Sentences.Length - 1; j >= leadEnd && isNew[j]; j--)
        {
            tail += headline[j] ? 0 : b.TermWeight(j);
            NewTailSentences += b.SentenceTerms[j].Length >= SentenceAligner.SubstantialTerms && !headline[j] ? 1 : 0;
            tailStart = j;
        }

        // What the new text inside b brings of its own: names and numbers a does not have, and quotations.
        HashSet<ulong>? ownFacts = null;
        for (var j = leadEnd; j < tailStart; j++)
        {
            if (!isNew[j] || b.SentenceTerms[j].Length < SentenceAligner.SubstantialTerms)
            {
                continue;
            }

            foreach (var f in b.SentenceNumbers[j])
            {
                if (IsOwnFact(a, f))
                {
                    (ownFacts ??= []).Add(f);
                }
            }

            if (FirstNewInside < 0)
            {
                FirstNewInside = j;
                // Directly below the lead: b's sentences above it are all carried and make its first paragraph.
                // (A headline or dateline line above the lead is no new text: the lead is the first sentence below it.)
                var top = 0;
                while (top < j && headline[top])
                {
                    top++;
                }

                NewBelowLead = b.Sentences[j].Paragraph > b.Sentences[top].Paragraph && (j == top || b.Sentences[j - 1].Paragraph == b.Sentences[top].Paragraph);
                // Or inside the lead paragraph, below its first sentence.
                NewInLeadParagraph = j > top && b.Sentences[j].Paragraph == b.Sentences[top].Paragraph;
                for (var k = top; k < j && (NewBelowLead || NewInLeadParagraph); k++)
                {
                    NewBelowLead &= !isNew[k];
                    NewInLeadParagraph &= !isNew[k];
                }

                // Paragraphs of their own in the new run there (a pasted item is one; an update's news may be several).
                for (var k = j; k < tailStart && isNew[k]; k++)
                {
                    NewParagraphsInRun += k == j || b.Sentences[k].Paragraph != b.Sentences[k - 1].Paragraph ? 1 : 0;
                }

                if (!IsParagraphStart(b, j))
                {
                    NewParagraphsInRun = 0;
                }
            }
        }

        NewInsideFacts = ownFacts?.Count ?? 0;

        // How the new text inside sits in b's paragraphs: sentences written into a carried paragraph (news added to what
        // it tells, not a paragraph of its own), and a section under a heading line of its own ("Background", "KEY
        // FACTS:") with reporting below it. A pasted item is a paragraph of its own, with no heading.
        // (The carried paragraphs are only gathered when there is new text inside: most compared pairs have none.)
        HashSet<int>? carriedParagraph = null;
        for (var j = leadEnd; j < tailStart; j++)
        {
            if (!isNew[j])
            {
                continue;
            }

            carriedParagraph ??= CarriedParagraphs(b, matches, isNew, headline);
            if (b.SentenceTerms[j].Length >= SentenceAligner.SubstantialTerms && carriedParagraph.Contains(b.Sentences[j].Paragraph))
            {
                NewInCarriedParagraphs++;
            }

            HeadedSection |= j + 1 < tailStart && isNew[j + 1] && IsParagraphStart(b, j) && IsParagraphStart(b, j + 1)
                && b.SentenceTerms[j + 1].Length >= SentenceAligner.SubstantialTerms && CopyText.IsHeading(b.Text, b.Sentences[j]);
        }

        // And whether b's first new text inside opens a paragraph in its upper half: where an update puts its news.
        NewHigh = FirstNewInside >= 0 && IsParagraphStart(b, FirstNewInside) && 2 * FirstNewInside < b.Sentences.Length;

        // What b's new top brings of its own in sentences of a report's length (names and numbers a does not have; a
        // credit or a note to the reader is a short line), and whether a's lead is carried below it in other words (a
        // write-through puts the old lead under the new top and reworks it).
        HashSet<ulong>? leadFacts = null;
        for (var j = 0; j < leadEnd; j++)
        {
            if (!headline[j] && b.SentenceTerms[j].Length >= SentenceAligner.SubstantialTerms && b.Sentences[j].WordCount >= SentenceAligner.ReportWords)
            {
                foreach (var f in b.SentenceNumbers[j])
                {
                    if (IsOwnFact(a, f))
                    {
                        (leadFacts ??= []).Add(f);
                    }
                }
            }
        }

        NewLeadFacts = leadFacts?.Count ?? 0;
        // And whether a's lead sits below other sentences of a in b: moved down under the new top, not left in first place.
        var leadAt = -1;
        var firstCarried = int.MaxValue;
        foreach (var m in matches)
        {
            LeadReworked |= m.A == 0 && m.B >= leadEnd && m.Status != PassageStatus.Shared;
            if (m.A >= 0 && m.B >= 0)
            {
                leadAt = m.A == 0 ? m.B : leadAt;
                firstCarried = Math.Min(firstCarried, m.B);
            }
        }

        LeadMovedDown = leadAt > firstCarried;

        // And whether any of b's new text (on top, inside or at the bottom) reports: a sentence of substance that names
        // or counts something a does not, or one written out at a report's length. A notice to the reader or a photo
        // caption is a short line that names nothing new.
        for (var j = 0; j < b.Sentences.Length && !NewReports; j++)
        {
            if (isNew[j] && !headline[j] && b.SentenceTerms[j].Length >= SentenceAligner.SubstantialTerms)
            {
                NewReports = b.Sentences[j].WordCount >= SentenceAligner.ReportWords;
                foreach (var f in b.SentenceNumbers[j])
                {
                    NewReports |= IsOwnFact(a, f);
                }
            }
        }

        // Sentences of a cut after its last sentence carried (a trimmed tail) or before its first (a cut top) are not cut inside.
        int firstKept = -1, lastKept = -1;
        foreach (var m in matches)
        {
            if (m.A >= 0 && m.B >= 0)
            {
                firstKept = firstKept < 0 ? m.A : Math.Min(firstKept, m.A);
                lastKept = Math.Max(lastKept, m.A);
            }
        }

        foreach (var m in matches)
        {
            if (m.A >= 0 && m.B < 0 && m.A > firstKept && m.A < lastKept && (halvesA is null || halvesA[m.A] < 0))
            {
                DroppedInside++;
            }
        }

        // Whether what was dropped inside was dropped where b's first new text inside sits: a passage replaced by news.
        if (FirstNewInside >= 0 && DroppedInside > 0)
        {
            var end = FirstNewInside;
            while (end < b.Sentences.Length && isNew[end])
            {
                end++;
            }

            int above = -1, below = int.MaxValue;
            foreach (var m in matches)
            {
                if (m.A >= 0 && m.B >= 0)
                {
                    above = m.B < FirstNewInside ? Math.Max(above, m.A) : above;
                    below = m.B >= end ? Math.Min(below, m.A) : below;
                }
            }

            var there = 0;
            foreach (var m in matches)
            {
                there += m.A > above && m.A < below && m.B < 0 && m.A > firstKept && m.A < lastKept && (halvesA is null || halvesA[m.A] < 0) ? 1 : 0;
            }

            ReplacedInside = there == DroppedInside;
        }

        _weightA = wa;
        _weightB = wb;
        _isNew = isNew;
        _headline = headline;
        LeadsMatch = LeadMatched(a, b, matches, fromA: true) || LeadMatched(a, b, matches, fromA: false);
        NewLeadShare = wb == 0 ? 0 : lead / wb;
        NewTailShare = wb == 0 ? 0 : tail / wb;
        NewInsideShare = wb == 0 ? 0 : (added - lead - tail) / wb;
        CoverageA = wa == 0 ? 0 : ma / wa;
        CoverageB = wb == 0 ? 0 : mb / wb;
        VerbatimA = wa == 0 ? 0 : va / wa;
        VerbatimB = wb == 0 ? 0 : vb / wb;
        FactsCompared = factsTotal;
        FiguresCompared = figuresTotal;
        FigureAgreement = figuresTotal == 0 ? 1 : figuresShared / (double)figuresTotal;
        FactAgreement = factsTotal == 0 ? 1 : factsShared / (double)factsTotal;
    }

    /// <summary>The first lines of a text that may be a headline or a dateline (<see cref="CopyText.IsHeadline"/>).</summary>
    private const int HeadlineLines = 2;

    private readonly double _weightA;
    private readonly double _weightB;
    private readonly bool[] _isNew;
    private readonly bool[] _headline;
    private bool? _restatesFigure;
    private int? _redated;
    private double[]? _close;
    private (double Lead, double Tail, int LeadNames, int TailNames, int LeadNovel, int TailNovel, int LeadTerms, int TailTerms)? _topic;

    /// <summary>Share of A's content in sentences matched verbatim or with nearly all their words in order (slips, spellings and short forms aside): a careless copy, not a rewording.</summary>
    public double CloseA => Close()[0];

    public double CloseB => Close()[1];

    /// <summary>As <see cref="CloseA"/>, counting also sentences kept inside their match (trimmed by an editor).</summary>
    public double KeptA => Close()[2];

    public double KeptB => Close()[3];

    /// <summary>Words of the longer text matched in order within matched sentences (slips, spellings and short forms aside).</summary>
    public double CommonWords => Close()[4];

    /// <summary>Of the words of matched sentences (the longer of each pair), the share matched in order: near 1 for a careless copy.</summary>
    public double WordAgreement => Close()[5];

    /// <summary>
    /// Of the words of matched sentences that are not the same word in the other, the share matched as a slip or a
    /// short form ("goverment", "mln"): high for a careless copy, low for a reworded one (other words, not misspelt ones).
    /// </summary>
    public double SlipShare => Close()[6];

    /// <summary>Matched sentences that are reworded: each keeps words (or an order of words) the other does not, besides slips and short forms.</summary>
    public int RewordedInPlaces => (int)Close()[7];

    /// <summary>Share of the content terms of B's new top found anywhere in A: an update tells more of the same story, an item of another story shares little.</summary>
    public double NewLeadTopic => Topic().Lead;

    /// <summary>As <see cref="NewLeadTopic"/> for B's new bottom.</summary>
    public double NewTailTopic => Topic().Tail;

    /// <summary>Names of B's new top found in A, but not numbers (a year is in many stories) nor words that name no one in particular ("Corp", "March").</summary>
    public int NewLeadNames => Topic().LeadNames;

    public int NewTailNames => Topic().TailNames;

    /// <summary>Content terms of B's new top that A does not have: what the block adds (a headline made of the lead's words adds nothing).</summary>
    public int NewLeadNovelTerms => Topic().LeadNovel;

    public int NewTailNovelTerms => Topic().TailNovel;

    /// <summary>Distinct content terms of B's new top.</summary>
    public int NewLeadTerms => Topic().LeadTerms;

    public int NewTailTerms => Topic().TailTerms;

    private double[] Close()
    {
        if (_close is not null)
        {
            return _close;
        }

        double ca = 0, cb = 0, ka = 0, kb = 0, agreed = 0, compared = 0, same = 0, reworded = 0;
        foreach (var m in Matches)
        {
            if (m.A < 0 || m.B < 0)
            {
                continue;
            }

            bool close, kept;
            if (m.Status == PassageStatus.Shared)
            {
                close = kept = true;
                agreed += A.Sentences[m.A].WordCount;
                compared += A.Sentences[m.A].WordCount;
                same += A.Sentences[m.A].WordCount;
            }
            else
            {
                var common = CloseWords.Common(A, m.A, B, m.B);
                var (na, nb) = (A.Sentences[m.A].WordCount, B.Sentences[m.B].WordCount);
                agreed += common;
                compared += Math.Max(na, nb);
                same += common == 0 ? 0 : CloseWords.Common(A, m.A, B, m.B, exactOnly: true);
                // Reworded: each side keeps words the other lost (other words, or words moved), not only cuts or additions.
                reworded += na - common >= 1 && nb - common >= 1 ? 1 : 0;
                close = common >= 0.8 * Math.Max(na, nb);
                kept = close || (Math.Min(na, nb) >= 5 && common >= 0.9 * Math.Min(na, nb));
            }

            ca += close ? A.TermWeight(m.A) : 0;
            cb += close ? B.TermWeight(m.B) : 0;
            ka += kept ? A.TermWeight(m.A) : 0;
            kb += kept ? B.TermWeight(m.B) : 0;
        }

        _close = [_weightA == 0 ? 0 : ca / _weightA, _weightB == 0 ? 0 : cb / _weightB, _weightA == 0 ? 0 : ka / _weightA, _weightB == 0 ? 0 : kb / _weightB,
            agreed / Math.Max(1, Math.Max(A.WordCount, B.WordCount)), compared == 0 ? 0 : agreed / compared,
            compared - same <= 0 ? 1 : (agreed - same) / (compared - same), reworded];
        return _close;
    }

    /// <summary>
    /// Sentences of one text found whole in a longer sentence of the other together with a neighbour of theirs that
    /// is matched to nothing: sentences split in two (or two merged in one) throughout a restyled text.
    /// </summary>
    public int SplitSentences => _split ??= CountSplits();

    /// <summary>
    /// Of <see cref="SplitSentences"/>, those whose two halves keep every word of the whole in order but for one (a
    /// conjunction dropped at the split): the same words in shorter sentences, restyled punctuation, not rewording.
    /// </summary>
    public int CleanSplits
    {
        get
        {
            _split ??= CountSplits();
            return _cleanSplitCount;
        }
    }

    private int? _split;
    private int _cleanSplitCount;

    private int CountSplits()
    {
        var aToB = new int[A.Sentences.Length];
        var bToA = new int[B.Sentences.Length];
        Array.Fill(aToB, -1);
        Array.Fill(bToA, -1);
        foreach (var m in Matches)
        {
            if (m.A >= 0 && m.B >= 0)
            {
                aToB[m.A] = m.B;
                bToA[m.B] = m.A;
            }
        }

        var splits = 0;
        foreach (var m in Matches)
        {
            if (m.A < 0 || m.B < 0 || m.Status == PassageStatus.Shared)
            {
                continue;
            }

            var (na, nb) = (A.Sentences[m.A].WordCount, B.Sentences[m.B].WordCount);
            var split = na < nb ? Split(A, m.A, aToB, B, m.B) : nb < na ? Split(B, m.B, bToA, A, m.A) : 0;
            splits += split > 0 ? 1 : 0;
            // Only a sentence of A split in two in B counts as restyled punctuation: two of A's sentences merged in one of
            // B's are still read as rewording (on the tuned data, lines of tables run together by a rewriter).
            if (split == 2 && nb < na)
            {
                _cleanSplitCount++;
            }
        }

        return splits;

        // Sentence i of x (in sentence j of y) and an unmatched neighbour of it together make up j: 1; 2 when the two
        // keep all of j's words but one, each of their own words found in j (the same words, split).
        static int Split(CopyProfile x, int i, int[] matched, CopyProfile y, int j)
        {
            var whole = y.Sentences[j].WordCount;
            var part = CloseWords.Common(x, i, y, j);
            var found = 0;
            foreach (var k in (ReadOnlySpan<int>)[i - 1, i + 1])
            {
                if (k < 0 || k >= x.Sentences.Length || matched[k] >= 0 || x.Sentences[k].WordCount < 3)
                {
                    continue;
                }

                var other = CloseWords.Common(x, k, y, j);
                if (other >= 0.8 * x.Sentences[k].WordCount && part + other >= 0.8 * whole)
                {
                    found = 1;
                    if (part == x.Sentences[i].WordCount && other == x.Sentences[k].WordCount && part + other >= whole - 1)
                    {
                        return 2;
                    }
                }
            }

            return found;
        }
    }

    /// <summary>Whether a name or number of B is its own: A does not have it, and it names someone in particular.</summary>
    private static bool IsOwnFact(CopyProfile a, ulong fact) => a.Facts.AsSpan().BinarySearch(fact) < 0 && !CopyText.IsGenericName(fact);

    private bool FindRestatedFigure()
    {
        var (a, b) = (A, B);
        var found = false;
        // A new sentence that tells a carried sentence again with another figure (the lead restated, "dropped 79 pct" over
        // the carried "dropped 57 pct"): the text now gives a figure the earlier one did not, for the same fact.
        for (var j = 0; j < b.Sentences.Length && !found; j++)
        {
            if (!_isNew[j] || _headline[j] || b.SentenceFigures[j].Length == 0 || b.SentenceTerms[j].Length < SentenceAligner.SubstantialTerms)
            {
                continue;
            }

            foreach (var m in Matches)
            {
                if (m.A >= 0 && m.B >= 0 && a.SentenceFigures[m.A].Length > 0)
                {
                    var (ta, tb) = (a.SentenceTerms[m.A], b.SentenceTerms[j]);
                    var sharedFigures = CopyProfile.Intersect(a.SentenceFigures[m.A], b.SentenceFigures[j]);
                    found |= CopyProfile.Intersect(ta, tb) >= SentenceAligner.RestatedTerms * Math.Max(ta.Length, tb.Length)
                        && sharedFigures < a.SentenceFigures[m.A].Length && sharedFigures < b.SentenceFigures[j].Length;
                }
            }
        }

        return found;
    }

    private (double Lead, double Tail, int LeadNames, int TailNames, int LeadNovel, int TailNovel, int LeadTerms, int TailTerms) Topic()
    {
        if (_topic is { } t)
        {
            return t;
        }

        var terms = new HashSet<ulong>();
        foreach (var x in A.SentenceTerms)
        {
            terms.UnionWith(x);
        }

        (double Share, int Names, int Novel, int Terms) Block(int from, int to)
        {
            var block = new HashSet<ulong>();
            var names = new HashSet<ulong>();
            for (var j = from; j < to; j++)
            {
                block.UnionWith(B.SentenceTerms[j]);
                names.UnionWith(B.SentenceNumbers[j]);
                names.ExceptWith(B.SentenceFigures[j]);
            }

            // A name is found in A as written, or without a possessive ("Lena's" names Lena).
            var named = new HashSet<ulong>();
            for (var j = from; j < to; j++)
            {
                var s = B.Sentences[j];
                for (var k = s.FirstWord; k < s.FirstWord + s.WordCount; k++)
                {
                    var h = B.WordHashes[k];
                    if (!names.Contains(h) || CopyText.IsGenericName(h))
                    {
                        continue;
                    }

                    if (A.Facts.AsSpan().BinarySearch(h) >= 0 || (CopyText.PossessiveBase(B.WordText(k)) is var p and not 0 && A.Facts.AsSpan().BinarySearch(p) >= 0))
                    {
                        named.Add(h);
                    }
                }
            }

            var found = block.Count(terms.Contains);
            return (block.Count == 0 ? 0 : found / (double)block.Count, named.Count, block.Count - found, block.Count);
        }

        var leadEnd = 0;
        while (leadEnd < _isNew.Length && _isNew[leadEnd])
        {
            leadEnd++;
        }

        var tailStart = _isNew.Length;
        while (tailStart > leadEnd && _isNew[tailStart - 1])
        {
            tailStart--;
        }

        var (lead, leadNames, leadNovel, leadTerms) = Block(0, leadEnd);
        var (tail, tailNames, tailNovel, tailTerms) = Block(tailStart, _isNew.Length);
        _topic = (lead, tail, leadNames, tailNames, leadNovel, tailNovel, leadTerms, tailTerms);
        return _topic.Value;
    }

    /// <summary>Share of B's content (by terms) in new sentences before its first matched one (a new top).</summary>
    public double NewLeadShare { get; }

    /// <summary>Share of B's content in new sentences after its last matched one (a new bottom).</summary>
    public double NewTailShare { get; }

    /// <summary>Share of B's content in new sentences between matched ones (insertions).</summary>
    public double NewInsideShare { get; }

    /// <summary>The lead of one text (its first sentence with three or more content terms) is matched near the top of the other: the same news.</summary>
    public bool LeadsMatch { get; }

    /// <summary>Places where B adds new sentences of substance (runs of new sentences between matched ones).</summary>
    public int NewRuns { get; }

    /// <summary>Most consecutive new sentences in B.</summary>
    public int LongestNewRun { get; }

    public int NewLeadSentences { get; }

    /// <summary>Distinct names and numbers of B's new sentences of substance inside it (below its top, above its end) that A does not have (words that name no one in particular aside).</summary>
    public int NewInsideFacts { get; }

    /// <summary>Matched sentences that B tells later than A (<see cref="CopyText.Redated"/>: "is" become "was", "on Tuesday" "yesterday").</summary>
    public int RedatedSentences => _redated ??= Matches.Count(m => m.A >= 0 && m.B >= 0 && m.Status != PassageStatus.Shared && CopyText.Redated(A, m.A, B, m.B));

    /// <summary>
    /// Matched sentences of B that keep every word of their sentence of A in order and grew by
    /// <see cref="SentenceAligner.GrownWords"/> words or more among which is a figure A does not have: news written into
    /// a carried sentence ("..., and on Thursday it put the cost at 334 mln dlrs"). A copy editor's additions to a
    /// sentence are a word or an attribution ("reportedly", "the company said"), a dateline a few words; none counts.
    /// </summary>
    public int GrownWithFigures => _grown ??= CountGrown();

    private int? _grown;

    private int CountGrown()
    {
        var n = 0;
        foreach (var m in Matches)
        {
            if (m.A < 0 || m.B < 0 || m.Status == PassageStatus.Shared)
            {
                continue;
            }

            var na = A.Sentences[m.A].WordCount;
            if (B.Sentences[m.B].WordCount - na < SentenceAligner.GrownWords || !B.SentenceFigures[m.B].Any(f => IsOwnFact(A, f)))
            {
                continue;
            }

            n += CloseWords.Common(A, m.A, B, m.B) >= na ? 1 : 0;
        }

        return n;
    }

    /// <summary>Distinct names and numbers of B's new top (its sentences of <see cref="SentenceAligner.ReportWords"/> words or more) that A does not have.</summary>
    public int NewLeadFacts { get; }

    /// <summary>Whether A's lead is carried below B's new top in other words (not verbatim).</summary>
    public bool LeadReworked { get; }

    /// <summary>Whether A's lead is carried below other sentences of A in B (moved down, not left on top of what is carried).</summary>
    public bool LeadMovedDown { get; }

    /// <summary>Whether a new sentence of B tells a sentence carried from A again (<see cref="SentenceAligner.RestatedTerms"/> of its terms) with another figure in the place of one of A's: a revised figure.</summary>
    public bool RestatesFigure => _restatesFigure ??= FindRestatedFigure();

    /// <summary>Whether a new sentence of substance of B (anywhere) reports: it names or counts something A does not, or has <see cref="SentenceAligner.ReportWords"/> words or more.</summary>
    public bool NewReports { get; }

    /// <summary>B's first new sentence of substance inside it (below its top, above its end); -1 when none.</summary>
    public int FirstNewInside { get; } = -1;

    /// <summary>Whether that sentence opens B's second paragraph, below a lead paragraph carried from A: where a wire puts an update's news.</summary>
    public bool NewBelowLead { get; }

    /// <summary>Whether that sentence sits inside B's lead paragraph, below its first sentence (all above it carried).</summary>
    public bool NewInLeadParagraph { get; }

    /// <summary>How many paragraphs of their own the run of new sentences starting there makes (0 when it starts inside a paragraph).</summary>
    public int NewParagraphsInRun { get; }

    /// <summary>New sentences of substance inside B written into a paragraph that holds carried sentences (not paragraphs of their own).</summary>
    public int NewInCarriedParagraphs { get; }

    /// <summary>Whether new text inside B opens with a heading line of its own (<see cref="CopyText.IsHeading"/>) over a new paragraph of substance: a section added.</summary>
    public bool HeadedSection { get; }

    /// <summary>Whether B's first new sentence of substance inside opens a paragraph in B's upper half.</summary>
    public bool NewHigh { get; }

    /// <summary>Whether a figure of a matched sentence was updated and a new sentence beside it gives the figure it replaced.</summary>
    public bool RevisedFigureNoted { get; }

    /// <summary>
    /// B's unmatched sentences of substance that tell one of its carried sentences again (every content term of theirs in
    /// it, and <see cref="RepeatedTerms"/> of its terms), below the first carried one and not the lead: a pull quote, a
    /// paragraph repeated by layout. Their words are the story's, so they
    /// are no new text. Null when there are none.
    /// </summary>
    private static bool[]? Repeated(CopyProfile b, SentenceMatch[] matches)
    {
        bool[]? repeated = null;
        var firstCarried = int.MaxValue;
        foreach (var m in matches)
        {
            firstCarried = m.A >= 0 && m.B >= 0 ? Math.Min(firstCarried, m.B) : firstCarried;
        }

        foreach (var m in matches)
        {
            // Above everything carried, a sentence that tells the lead again is an update's new top (rule 1's full lead).
            if (m.A >= 0 || m.B < firstCarried || b.SentenceTerms[m.B].Length < SentenceAligner.SubstantialTerms)
            {
                continue;
            }

            var tj = b.SentenceTerms[m.B];
            foreach (var k in matches)
            {
                // The lead told again (above or below the story) is an update's restatement of its news, not a pull quote.
                if (k.A < 0 || k.B < 0 || k.B == firstCarried)
                {
                    continue;
                }

                // every term of tj in tk and 90% of tk's in tj: tk is no shorter than tj and not much longer
                var tk = b.SentenceTerms[k.B];
                if (tk.Length < tj.Length || tj.Length < RepeatedTerms * tk.Length)
                {
                    continue;
                }

                var shared = CopyProfile.Intersect(tj, tk);
                if (shared == tj.Length && shared >= RepeatedTerms * tk.Length)
                {
                    (repeated ??= new bool[b.Sentences.Length])[m.B] = true;
                    break;
                }
            }
        }

        return repeated;
    }

    /// <summary>Least share of a carried sentence's content terms found in a sentence that repeats it.</summary>
    private const double RepeatedTerms = 0.9;

    /// <summary>The paragraphs of B that hold a carried sentence (not a headline line).</summary>
    private static HashSet<int> CarriedParagraphs(CopyProfile b, SentenceMatch[] matches, bool[] isNew, bool[] headline)
    {
        var paragraphs = new HashSet<int>();
        foreach (var m in matches)
        {
            if (m.B >= 0 && !isNew[m.B] && !headline[m.B])
            {
                paragraphs.Add(b.Sentences[m.B].Paragraph);
            }
        }

        return paragraphs;
    }

    private static bool IsParagraphStart(CopyProfile b, int j) => j == 0 || b.Sentences[j].Paragraph != b.Sentences[j - 1].Paragraph;

    /// <summary>A's sentences dropped between its first and last sentences carried into B (not a trimmed tail or a cut top).</summary>
    public int DroppedInside { get; }

    /// <summary>Whether all of <see cref="DroppedInside"/> sat where B's first new text inside sits: a passage of A replaced by new text.</summary>
    public bool ReplacedInside { get; }

    public int NewTailSentences { get; }

    private static bool LeadMatched(CopyProfile a, CopyProfile b, SentenceMatch[] matches, bool fromA)
    {
        var (x, y) = fromA ? (a, b) : (b, a);
        var lead = Array.FindIndex(x.SentenceTerms, t => t.Length >= SentenceAligner.SubstantialTerms);
        if (lead < 0)
        {
            return false;
        }

        foreach (var m in matches)
        {
            var (mx, my) = fromA ? (m.A, m.B) : (m.B, m.A);
            if (mx == lead && my >= 0)
            {
                // Within the other text's first three substantial sentences.
                var rank = 0;
                for (var k = 0; k < my; k++)
                {
                    rank += y.SentenceTerms[k].Length >= SentenceAligner.SubstantialTerms ? 1 : 0;
                }

                return rank < 3;
            }
        }

        return false;
    }

    /// <summary>Matched sentences with three or more content terms (a lone "REUTER" or dateline does not count).</summary>
    public int SubstantialMatches { get; }

    /// <summary>Numbers that matched sentences could share (the smaller side of each pair, summed).</summary>
    public int FiguresCompared { get; }

    /// <summary>Matched sentences in which B has other figures in the place of some of A's ("rose 5.2 pct" for "rose 4.8 pct"): updated figures.</summary>
    public int UpdatedFigures { get; }

    /// <summary>Share of those numbers the matched sentences share.</summary>
    public double FigureAgreement { get; }

    /// <summary>Numbers and names that matched sentences could share (the smaller side of each pair, summed).</summary>
    public int FactsCompared { get; }

    /// <summary>Share of those numbers and names the matched sentences do share: a rewrite keeps its facts, a template story with other figures does not.</summary>
    public double FactAgreement { get; }

    public CopyProfile A { get; }

    public CopyProfile B { get; }

    /// <summary>Matches in the order of B, with each dropped A sentence after the match of the A sentence before it.</summary>
    public IReadOnlyList<SentenceMatch> Matches { get; }

    /// <summary>Share of A's content (by terms) found in B, verbatim or reworded.</summary>
    public double CoverageA { get; }

    public double CoverageB { get; }

    /// <summary>Share of A's content found verbatim in B.</summary>
    public double VerbatimA { get; }

    public double VerbatimB { get; }

    public int SharedCount { get; }

    public int RewordedCount { get; }

    public int NewCount { get; }

    public int DroppedCount { get; }

    /// <summary>A's first sentence is dropped (its lead was cut or replaced).</summary>
    public bool DroppedFirst { get; }

    /// <summary>A's last sentence is dropped (its end was cut).</summary>
    public bool DroppedLast { get; }

    public int MatchedCount => SharedCount + RewordedCount;

    /// <summary>Sentences of one text found as the other half of a sentence the other text merged from two (or split in two), besides the one-to-one matches.</summary>
    public int MergedCount { get; }
}

/// <summary>
/// The sentences of one text indexed for aligning many others against it: by word-sequence hash (verbatim
/// sentences) and by content term (reworded candidates). Built once per text; read-only, thread-safe.
/// </summary>
public sealed class SentenceLookup
{
    private SentenceLookup(CopyProfile profile)
    {
        Profile = profile;
        for (var j = 0; j < profile.Sentences.Length; j++)
        {
            if (!ByHash.TryGetValue(profile.SentenceHashes[j], out var l))
            {
                ByHash[profile.SentenceHashes[j]] = l = [];
            }

            l.Add(j);
            foreach (var t in profile.SentenceTerms[j])
            {
                if (!Postings.TryGetValue(t, out var p))
                {
                    Postings[t] = p = [];
                }

                p.Add(j);
            }
        }
    }

    public CopyProfile Profile { get; }

    internal Dictionary<ulong, List<int>> ByHash { get; } = [];

    internal Dictionary<ulong, List<int>> Postings { get; } = [];

    public static SentenceLookup Of(CopyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SentenceLookup(profile);
    }
}

/// <summary>Aligns the sentences of two texts one to one: verbatim first, then by content-term overlap, greedily best first.</summary>
public static class SentenceAligner
{
    /// <summary>Content terms two leads told in other words share at least.</summary>
    private const int LeadSharedTerms = 3;

    /// <summary>Content terms of a sentence of substance (a matched one counts for a rewrite).</summary>
    internal const int SubstantialTerms = 3;

    /// <summary>Words of a sentence written out at a report's length (a notice to the reader or a caption is shorter).</summary>
    internal const int ReportWords = 15;

    /// <summary>Words a carried sentence grows by to hold news of its own (a clause; a dateline or an attribution is shorter or names no figure).</summary>
    internal const int GrownWords = 6;

    /// <summary>Share of the content terms (of the sentence with more) two sentences share when one tells the other again.</summary>
    internal const double RestatedTerms = 0.8;

    public static Alignment Align(CopyProfile a, CopyProfile b, AlignOptions? options = null) => Align(a, SentenceLookup.Of(b), options);

    /// <summary>Aligns <paramref name="a"/> with the text of <paramref name="lookup"/> (built once when one text meets many).</summary>
    public static Alignment Align(CopyProfile a, SentenceLookup lookup, AlignOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(lookup);
        var b = lookup.Profile;
        var o = options ?? AlignOptions.Default;
        var pairs = new List<(int A, int B, double Score, bool Verbatim)>();
        var byHash = lookup.ByHash;
        var postings = lookup.Postings;
        var shared = new int[b.Sentences.Length];
        var touched = new List<int>();
        for (var i = 0; i < a.Sentences.Length; i++)
        {
            if (byHash.TryGetValue(a.SentenceHashes[i], out var same))
            {
                for (var k = 0; k < same.Count && k < 8; k++)
                {
                    pairs.Add((i, same[k], 1.0, true));
                }
            }

            var ta = a.SentenceTerms[i];
            if (ta.Length < o.MinSharedTerms)
            {
                continue;
            }

            foreach (var t in ta)
            {
                if (postings.TryGetValue(t, out var l) && l.Count <= o.MaxTermSentences)
                {
                    foreach (var j in l)
                    {
                        if (shared[j]++ == 0)
                        {
                            touched.Add(j);
                        }
                    }
                }
            }

            foreach (var j in touched)
            {
                var s = shared[j];
                shared[j] = 0;
                if (s < o.MinSharedTerms)
                {
                    continue;
                }

                var dice = 2.0 * s / (ta.Length + b.SentenceTerms[j].Length);
                if (dice >= o.MinReworded && a.SentenceHashes[i] != b.SentenceHashes[j] && NumbersAgree(a.SentenceNumbers[i], b.SentenceNumbers[j], o))
                {
                    pairs.Add((i, j, dice, false));
                }
            }

            touched.Clear();
        }

        // Best first; verbatim beats reworded; ties by position so the result is deterministic.
        pairs.Sort(static (x, y) =>
            x.Verbatim != y.Verbatim ? (x.Verbatim ? -1 : 1)
            : x.Score != y.Score ? y.Score.CompareTo(x.Score)
            : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var aToB = new int[a.Sentences.Length];
        var bToA = new int[b.Sentences.Length];
        var score = new double[a.Sentences.Length];
        var verbatim = new bool[a.Sentences.Length];
        Array.Fill(aToB, -1);
        Array.Fill(bToA, -1);
        foreach (var (i, j, s, v) in pairs)
        {
            if (aToB[i] < 0 && bToA[j] < 0)
            {
                aToB[i] = j;
                bToA[j] = i;
                score[i] = s;
                verbatim[i] = v;
            }
        }

        // Two leads left unmatched that tell the same news in other words match too (a rewrite's lead is the most reworded).
        var leadA = Array.FindIndex(a.SentenceTerms, t => t.Length >= SubstantialTerms);
        var leadB = Array.FindIndex(b.SentenceTerms, t => t.Length >= SubstantialTerms);
        if (leadA >= 0 && leadB >= 0 && aToB[leadA] < 0 && bToA[leadB] < 0 && LeadsAgree(a, b, leadA, leadB))
        {
            aToB[leadA] = leadB;
            bToA[leadB] = leadA;
            var (ta, tb) = (a.SentenceTerms[leadA], b.SentenceTerms[leadB]);
            score[leadA] = 2.0 * CopyProfile.Intersect(ta, tb) / (ta.Length + tb.Length);
        }

        // Order: B's sentences; an unmatched A sentence follows the match of the A sentence before it.
        var matches = new List<SentenceMatch>(a.Sentences.Length + b.Sentences.Length);
        var droppedAfter = new List<int>[b.Sentences.Length + 1];
        for (var i = 0; i < a.Sentences.Length; i++)
        {
            if (aToB[i] >= 0)
            {
                continue;
            }

            var anchor = 0;
            for (var p = i - 1; p >= 0; p--)
            {
                if (aToB[p] >= 0)
                {
                    anchor = aToB[p] + 1;
                    break;
                }
            }

            (droppedAfter[anchor] ??= []).Add(i);
        }

        for (var j = 0; j <= b.Sentences.Length; j++)
        {
            if (droppedAfter[j] is { } dropped)
            {
                matches.AddRange(dropped.Select(i => new SentenceMatch(i, -1, PassageStatus.Dropped, 0)));
            }

            if (j == b.Sentences.Length)
            {
                break;
            }

            var ai = bToA[j];
            matches.Add(ai < 0
                ? new SentenceMatch(-1, j, PassageStatus.New, 0)
                : new SentenceMatch(ai, j, verbatim[ai] ? PassageStatus.Shared : PassageStatus.Reworded, score[ai]));
        }

        var (halvesA, halvesB) = Halves(a, b, aToB, bToA, o);
        return new Alignment(a, b, [.. matches], halvesA, halvesB);
    }

    /// <summary>
    /// Sentences left unmatched that are the other half of a merged sentence: x's sentence k, next to its matched
    /// neighbour i, whose terms are found in i's match j in y, when j is longer than i and i and k together match j
    /// (two sentences merged in one, or one split in two). Null for a side with none.
    /// </summary>
    private static (int[]? A, int[]? B) Halves(CopyProfile a, CopyProfile b, int[] aToB, int[] bToA, AlignOptions o)
    {
        return (Side(a, b, aToB), Side(b, a, bToA));

        int[]? Side(CopyProfile x, CopyProfile y, int[] xToY)
        {
            int[]? halves = null;
            for (var k = 0; k < xToY.Length; k++)
            {
                var tk = x.SentenceTerms[k];
                if (xToY[k] >= 0 || tk.Length < o.MinSharedTerms)
                {
                    continue;
                }

                foreach (var i in (ReadOnlySpan<int>)[k - 1, k + 1])
                {
                    if (i < 0 || i >= xToY.Length || xToY[i] < 0)
                    {
                        continue;
                    }

                    var j = xToY[i];
                    var (ti, tj) = (x.SentenceTerms[i], y.SentenceTerms[j]);
                    var inJ = CopyProfile.Intersect(tk, tj);
                    if (y.Sentences[j].WordCount <= x.Sentences[i].WordCount || inJ < o.MinSharedTerms || inJ < MergedHalfShare * tk.Length)
                    {
                        continue;
                    }

                    // i and k together make up j: their terms cover j as a reworded sentence would.
                    var (union, shared) = UnionIn(ti, tk, tj);
                    if (2.0 * shared / (union + tj.Length) >= o.MinReworded && NumbersAgree(x.SentenceNumbers[k], y.SentenceNumbers[j], o))
                    {
                        (halves ??= NewFilled(xToY.Length))[k] = j;
                        break;
                    }
                }
            }

            return halves;
        }

        // Distinct terms of p and q together, and how many of them r has (all three sorted).
        static (int Union, int Shared) UnionIn(ulong[] p, ulong[] q, ulong[] r)
        {
            int i = 0, j = 0, union = 0, shared = 0;
            while (i < p.Length || j < q.Length)
            {
                ulong t;
                if (j >= q.Length || (i < p.Length && p[i] < q[j]))
                {
                    t = p[i++];
                }
                else if (i >= p.Length || q[j] < p[i])
                {
                    t = q[j++];
                }
                else
                {
                    t = p[i++];
                    j++;
                }

                union++;
                shared += r.AsSpan().BinarySearch(t) >= 0 ? 1 : 0;
            }

            return (union, shared);
        }

        static int[] NewFilled(int n)
        {
            var r = new int[n];
            Array.Fill(r, -1);
            return r;
        }
    }

    /// <summary>Least share of a sentence's content terms found in its neighbour's match for it to be the other half of a merged sentence.</summary>
    private const double MergedHalfShare = 0.6;

    /// <summary>
    /// Whether an alignment of <paramref name="a"/> with the text of <paramref name="lookup"/> could have
    /// <paramref name="verbatim"/> verbatim sentences or <paramref name="substantial"/> matched sentences of substance:
    /// an upper bound from sentence hashes and content terms alone (a reworded or lead match shares three terms).
    /// </summary>
    internal static bool CouldMatch(CopyProfile a, SentenceLookup lookup, AlignOptions o, int verbatim, int substantial)
    {
        var least = Math.Min(o.MinSharedTerms, LeadSharedTerms);
        int same = 0, matched = 0;
        for (var i = 0; i < a.Sentences.Length; i++)
        {
            var hit = lookup.ByHash.ContainsKey(a.SentenceHashes[i]);
            same += hit ? 1 : 0;
            var terms = a.SentenceTerms[i];
            if (terms.Length >= SubstantialTerms)
            {
                var found = 0;
                for (var k = 0; k < terms.Length && found < least && !hit; k++)
                {
                    found += lookup.Postings.ContainsKey(terms[k]) ? 1 : 0;
                }

                matched += hit || found >= least ? 1 : 0;
            }

            if (same >= verbatim || matched >= substantial)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two leads tell the same news in other words: a third of their content terms (three or more) and half their facts shared.</summary>
    internal static bool LeadsAgree(CopyProfile a, CopyProfile b, int la, int lb)
    {
        var (ta, tb) = (a.SentenceTerms[la], b.SentenceTerms[lb]);
        var shared = CopyProfile.Intersect(ta, tb);
        var (fa, fb) = (a.SentenceNumbers[la], b.SentenceNumbers[lb]);
        var factsShared = CopyProfile.Intersect(fa, fb);
        return shared >= LeadSharedTerms && 2.0 * shared / (ta.Length + tb.Length) >= 1 / 3.0
            && factsShared >= 1 && factsShared >= 0.5 * Math.Max(fa.Length, fb.Length);
    }

    /// <summary>A reworded sentence keeps its facts: when both sentences carry numbers or names, enough of them are shared.</summary>
    private static bool NumbersAgree(ulong[] a, ulong[] b, AlignOptions o)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            // One name or number alone ("Europe" / "European") says too little either way.
            return true;
        }

        return CopyProfile.Intersect(a, b) >= o.MinSharedNumbers * Math.Min(a.Length, b.Length);
    }

    /// <summary>
    /// Groups consecutive sentence matches of one status within one paragraph into passages, with spans into
    /// each text (<c>null</c> on the side that lacks the passage).
    /// </summary>
    public static IReadOnlyList<AlignedPassage> Passages(Alignment alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        var a = alignment.A;
        var b = alignment.B;
        var result = new List<AlignedPassage>();
        AlignedPassage? current = null;
        int lastA = -1, lastB = -1;
        foreach (var m in alignment.Matches)
        {
            var sa = m.A >= 0 ? a.Sentences[m.A].Span : (TextSpan?)null;
            var sb = m.B >= 0 ? b.Sentences[m.B].Span : (TextSpan?)null;
            var extend = current is not null && current.Status == m.Status
                && (m.A < 0 || (lastA >= 0 && m.A == lastA + 1 && a.Sentences[m.A].Paragraph == a.Sentences[lastA].Paragraph))
                && (m.B < 0 || (lastB >= 0 && m.B == lastB + 1 && b.Sentences[m.B].Paragraph == b.Sentences[lastB].Paragraph));
            if (extend)
            {
                current = current! with
                {
                    A = sa is null ? current.A : new TextSpan(current.A!.Value.Start, sa.Value.End),
                    B = sb is null ? current.B : new TextSpan(current.B!.Value.Start, sb.Value.End),
                    Sentences = current.Sentences + 1,
                    Score = current.Score + m.Score,
                };
                result[^1] = current;
            }
            else
            {
                current = new AlignedPassage(m.Status, sa, sb, 1, m.Score);
                result.Add(current);
            }

            lastA = m.A >= 0 ? m.A : lastA;
            lastB = m.B >= 0 ? m.B : lastB;
        }

        return [.. result.Select(p => p with { Score = p.Score / p.Sentences })];
    }
}

/// <summary>A run of sentences with one status: its span in A and in B (null where absent), sentence count and mean score.</summary>
public sealed record AlignedPassage(PassageStatus Status, TextSpan? A, TextSpan? B, int Sentences, double Score);
