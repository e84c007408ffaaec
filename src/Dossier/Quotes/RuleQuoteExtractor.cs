using Dossier.Entities;
using Dossier.Text;

namespace Dossier.Quotes;

/// <summary>
/// Rule-based quote and attribution extractor. Direct quotes come from quote marks (<see cref="QuoteMarks"/>),
/// reported speech from cue words (Data/cues.tsv); the speaker is the noun phrase the cue governs ("X said",
/// "said X", "X told reporters", "according to X", appositions "X, a spokesman, said"), then resolved to an
/// entity: through the <see cref="EntityLayer"/> when present, else by a fallback that links pronouns to the
/// last speaker and surnames to the nearest earlier full name. Pure and thread-safe.
/// </summary>
public sealed class RuleQuoteExtractor : IQuoteExtractor
{
    private readonly QuoteLexicon _lex;
    private readonly QuoteOptions _options;
    private readonly CueModel _model;

    public RuleQuoteExtractor(QuoteOptions? options = null, QuoteLexicon? lexicon = null, CueModel? cueModel = null)
    {
        _model = cueModel ?? CueModel.Default;
        _options = options ?? QuoteOptions.Default;
        _lex = lexicon ?? QuoteLexicon.Default;
    }

    public static RuleQuoteExtractor Default { get; } = new();

    public QuotesLayer Extract(string text, EntityLayer? entities = null, TextLayer? textLayer = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new QuotesLayer([]);
        }

        var run = new Run(text, _lex, _options, textLayer, _model);
        run.FindDirect();
        if (_options.ReportedSpeech)
        {
            run.FindReported();
        }

        run.DropUnattributed();
        run.Resolve(entities);
        return new QuotesLayer(run.ToQuotes());
    }

    /// <summary>A speaker noun phrase: the whole phrase and the mention (its name part when it has a role before it).</summary>
    private readonly record struct Np(int First, int Last, int MentionFirst, int MentionLast);

    /// <summary>True when a word ends in a possessive 's or ’s.</summary>
    private static bool IsPossessive(string word) => word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal);

    private sealed class Draft
    {
        public int Start;
        public int End;
        public bool Direct;
        public bool Partial;
        public bool ShortLine;
        public bool ContinuesNext;
        public bool ContinuesPrevious;
        public int CueFirst = -1;
        public int CueLast = -1;
        public Np? Speaker;
        public AttributionKind Attribution;
        public Draft? CarriedFrom;

        /// <summary>Set when only the speaker was carried (from a nearby statement): the quote's own cue, if any, stays.</summary>
        public bool KeepsCue;
        public string? Entity;
        public bool EntityIsPerson;
        public int Paragraph;

        /// <summary>The quote sits inside a reported statement (its words are that statement's speaker's).</summary>
        public bool InStatement;

        /// <summary>The cue forecasts what its subject will do ("is expected to visit"): the subject is not the speaker.</summary>
        public bool Forecast;

        /// <summary>A nearer mention of a carried speaker (the subject of the sentence before the quote), or -1.</summary>
        public int NearStart = -1;
        public int NearEnd = -1;
    }

    private sealed class Run
    {
        private static readonly string[] Participles = ["saying", "adding", "noting", "warning", "telling", "insisting", "arguing", "explaining", "claiming", "writing"];

        private readonly string _text;
        private readonly QuoteLexicon _lex;
        private readonly QuoteOptions _o;
        private readonly CueModel _model;
        private readonly QuoteText _t;
        private readonly List<QuotedSpan> _spans;
        private readonly List<Draft> _drafts = [];

        /// <summary>Quoted spans of one or two words: kept only when a reported statement holds them.</summary>
        private readonly List<Draft> _short = [];

        public Run(string text, QuoteLexicon lex, QuoteOptions options, TextLayer? layer, CueModel model)
        {
            _model = model;
            _text = text;
            _lex = lex;
            _o = options;
            _t = new QuoteText(text, lex, layer);
            _spans = QuoteMarks.Find(text, _t.Paragraphs);
        }

        private List<QWord> W => _t.Words;

        public void FindDirect()
        {
            foreach (var q in _spans)
            {
                var innerWords = CountWords(q.InnerStart, q.InnerEnd);
                if (innerWords == 0)
                {
                    continue;
                }

                var d = new Draft
                {
                    Start = q.Start,
                    End = q.End,
                    Direct = true,
                    ContinuesNext = q.ContinuesNext,
                    ContinuesPrevious = q.ContinuesPrevious,
                    Paragraph = _t.ParagraphOf(q.Start),
                };
                var sEnd = _t.Sentences[_t.SentenceOf(Math.Max(q.Start, q.End - 1))];
                var sStart = _t.Sentences[_t.SentenceOf(q.Start)];
                var (afterOk, afterCue, afterNp) = AfterFrame(q.End, sEnd.End);
                if (afterCue < 0 && afterOk && q.InnerEnd > q.InnerStart && _text[q.InnerEnd - 1] is '!' or '?')
                {
                    var next = _t.SentenceOf(Math.Max(q.Start, q.End - 1)) + 1;
                    if (next < _t.Sentences.Count && _t.ParagraphOf(_t.Sentences[next].Start) == _t.ParagraphOf(q.Start))
                    {
                        var (_, c2, np2) = AfterFrame(q.End, _t.Sentences[next].End);
                        if (c2 >= 0)
                        {
                            (afterCue, afterNp) = (c2, np2);
                        }
                    }
                }

                var (beforeOk, beforeCue, beforeNp) = (false, -1, (Np?)null);
                if (afterCue < 0)
                {
                    // A digest line's credit ("Pollsters agree - Carl Bialik: “…”") is the speaker, not the headline's verb.
                    var qw0 = _t.WordAt(q.Start);
                    (beforeOk, beforeCue, beforeNp) = qw0 > 0 && Text(qw0 - 1) == ":" && DigestCredit(qw0 - 1, _t.WordAt(sStart.Start)) is not null
                        ? (true, -1, null) : BeforeFrame(sStart.Start, q.Start);
                }
                else
                {
                    beforeOk = IsEmptyFrame(sStart.Start, q.Start);
                }

                if (afterCue >= 0)
                {
                    afterOk = true;
                    d.CueFirst = afterCue;
                    d.CueLast = CueEndWord(afterCue);
                    d.Speaker = afterNp;
                    d.Attribution = AttributionKind.Cue;
                }
                else if (beforeCue >= 0)
                {
                    d.CueFirst = beforeCue;
                    d.CueLast = CueEndWord(beforeCue);
                    d.Speaker = beforeNp;
                    d.Attribution = AttributionKind.Cue;
                    afterOk = IsEmptyFrame(q.End, sEnd.End);
                }
                else
                {
                    afterOk = IsEmptyFrame(q.End, sEnd.End);
                    if (ColonFrame(q.Start, sStart.Start) is { } colon)
                    {
                        // X went on: “...”  /  The Times confirmed it, reporting: ¶ “...”
                        d.CueFirst = colon.Cue;
                        d.CueLast = colon.Cue >= 0 ? CueEndWord(colon.Cue) : -1;
                        d.Speaker = colon.Speaker;
                        d.Attribution = AttributionKind.Cue;
                        beforeOk = true;
                    }
                    else if (HeadlineSpeaker(d.Paragraph, q.Start) is { } named)
                    {
                        // Bill Clinton: Hillary ‘Better Qualified to Be President ...’
                        d.Speaker = named;
                        d.Attribution = AttributionKind.Cue;
                    }
                }

                // A statement, not a few quoted words: the quote fills its sentence on the side its attribution frame is not on.
                var qw = _t.WordAt(q.Start);
                var before = qw > _t.WordAt(sStart.Start) ? qw - 1 : -1;
                var framedBefore = beforeCue >= 0 && beforeOk && before >= 0 && (Text(before) is ":" or "," || before == beforeCue || Lower(before) == "that");
                var len = (double)(q.End - q.Start);
                // A frame that runs into the statement's own words (X said the probe is “ongoing.”), or a that-clause that
                // begins before the quote (X said that if he wants our guns, “come and take it.”), frames a reported
                // statement; the quote is that statement only when it is at least half of it, from the word after the cue
                // or from "that".
                var looseBefore = beforeCue >= 0 && beforeOk && !framedBefore && before >= 0;
                var thatAt = beforeCue >= 0 && beforeOk && before >= 0 ? ThatAfterCue(beforeCue, before) : -1;
                var clauseStart = thatAt >= 0 ? W[thatAt].Start : looseBefore ? W[CueEndWord(beforeCue) + 1].Start : -1;
                var fillsClause = clauseStart < 0 || len >= 0.5 * (sEnd.End - clauseStart);
                var full = (beforeOk && afterOk && fillsClause)
                    || (framedBefore && len >= 0.5 * (sEnd.End - q.Start) && fillsClause)
                    || (afterCue >= 0 && afterOk && len >= 0.5 * (q.End - (before >= 0 && Text(before) == ":" ? W[before].End : sStart.Start)))
                    || !q.Closed || q.ContinuesPrevious
                    || (beforeCue >= 0 && beforeOk && innerWords >= 4 && char.IsUpper(_text[q.InnerStart]) && fillsClause);
                if (!full && q.Closed && !q.ContinuesPrevious && innerWords > _o.ScareQuoteMaxWords && FramedAfter(q, sStart.Start, sEnd.End))
                {
                    // “...,” the economist Jared Bernstein, a former adviser in the Obama White House, wrote on his blog.
                    // A quote opening its sentence and closing on a comma (or ? !) is a statement with its frame after it,
                    // whether or not the frame's cue is a known one.
                    full = true;
                    if (d.Attribution == AttributionKind.None && TrailingFrame(q.End, sEnd.End) is { } tf)
                    {
                        d.CueFirst = tf.Cue;
                        d.CueLast = CueEndWord(tf.Cue);
                        d.Speaker = tf.Speaker;
                        d.Attribution = AttributionKind.Cue;
                    }
                }

                if (!full && q.Closed && innerWords > _o.ScareQuoteMaxWords && before >= 0 && Text(before) is "," or ":" && char.IsUpper(_text[q.InnerStart])
                    && IsEmptyFrame(q.End, sEnd.End))
                {
                    // He answered, “I have no idea. ...”: a capitalised quote after a comma that ends its sentence is a statement.
                    full = true;
                    if (d.Attribution == AttributionKind.None && LeadingFrame(_t.WordAt(sStart.Start), before) is { } lf)
                    {
                        d.CueFirst = lf.Cue;
                        d.CueLast = lf.Cue >= 0 ? CueEndWord(lf.Cue) : -1;
                        d.Speaker = lf.Speaker;
                        d.Attribution = AttributionKind.Cue;
                    }
                }

                if (!full && q.Closed && d.Attribution == AttributionKind.None && _drafts.Count > 0 && Continues(_drafts[^1], q, sStart.Start, sEnd.End))
                {
                    // “She is too far behind,” said an Iowa Democrat, “and Iowa was not a decisive win.”
                    full = true;
                    d.Attribution = AttributionKind.Carried;
                    d.CarriedFrom = _drafts[^1].CarriedFrom ?? _drafts[^1];
                }

                // A lone short quoted line ("Related:", a show's name) is not a statement, unless a statement before it
                // carries over to it ("I can't vote for Trump," said X. "He's an embarrassment.").
                d.ShortLine = full && q.Closed && !q.ContinuesPrevious && innerWords <= _o.ScareQuoteMaxWords + 1 && d.Attribution == AttributionKind.None;

                d.Partial = !full;
                if (d.Partial)
                {
                    // Scare quotes, titles and quoted terms: a few words inside the writer's own sentence.
                    if (!_o.PartialQuotes || innerWords <= _o.ScareQuoteMaxWords)
                    {
                        if (_o.PartialQuotes)
                        {
                            _short.Add(d);
                        }

                        continue;
                    }
                }

                _drafts.Add(d);
            }

            foreach (var d in _drafts.Where(x => x.Attribution == AttributionKind.None && !x.Partial && !x.ContinuesNext))
            {
                if (Signature(d) is { } np)
                {
                    d.Speaker = np;
                    d.Attribution = AttributionKind.Cue;
                }
            }

            Carry();
        }

        /// <summary>The "that" opening the content of a cue when words of the clause come between it and the quote (said that if …, “…”), else -1.</summary>
        private int ThatAfterCue(int cue, int before)
        {
            for (var i = CueEndWord(cue) + 1; i < before && i <= CueEndWord(cue) + 4; i++)
            {
                if (W[i].IsWord && Lower(i) == "that" && !InQuote(W[i].Start))
                {
                    return CountWordsBetween(i + 1, before) >= 1 ? i : -1;
                }
            }

            return -1;
        }

        /// <summary>True when the quote opens its sentence and ends on a comma, ? or ! with words after it in the sentence: “...,” X wrote.</summary>
        private bool FramedAfter(QuotedSpan q, int sentenceStart, int sentenceEnd)
        {
            if (!IsEmptyFrame(sentenceStart, q.Start) || q.InnerEnd <= q.InnerStart)
            {
                return false;
            }

            var last = _text[q.InnerEnd - 1];
            var commaAfter = q.End < _text.Length && _text[q.End] == ',';
            if (last is not (',' or '?' or '!' or '—') && !commaAfter)
            {
                return false;
            }

            var w = _t.WordAt(q.End);
            while (w < W.Count && W[w].Start < sentenceEnd && !W[w].IsWord)
            {
                w++;
            }

            return w < W.Count && W[w].Start < sentenceEnd && W[w].Start < NextQuoteStart(q.End);
        }

        /// <summary>The speaker of a frame before a quote that the usual patterns missed ("He answered, “...”"): the phrase before a learned cue, else the sentence's subject.</summary>
        private (int Cue, Np Speaker)? LeadingFrame(int first, int comma)
        {
            for (var k = comma - 1; k > first && k >= comma - 12; k--)
            {
                if (!W[k].IsWord || InQuote(W[k].Start))
                {
                    continue;
                }

                if (char.IsLower(_text[W[k].Start]) && LearnedCue(k))
                {
                    var np = IsParticiple(k) && IsComma(k - 1) ? SubjectNp(first, k) : CueSubject(k, first);
                    if (np is { } found && NounPhrase(found))
                    {
                        return (k, found);
                    }
                }
            }

            return SubjectNp(first, comma) is { } subject && subject.Last + 1 < comma && W[subject.Last + 1].IsWord ? (-1, subject) : null;
        }

        /// <summary>The cue and speaker of a frame after a quote that the usual patterns missed: the first cue (listed or learned) within 30 words, its speaker the phrase before it or, when the frame starts with the cue, after it.</summary>
        private (int Cue, Np? Speaker)? TrailingFrame(int qe, int sentenceEnd)
        {
            var i = _t.WordAt(qe);
            while (i < W.Count && W[i].Start < sentenceEnd && !W[i].IsWord)
            {
                i++;
            }

            var endWord = _t.WordAt(sentenceEnd) - 1;
            for (var k = i; k <= endWord && k <= i + 30; k++)
            {
                if (!W[k].IsWord || InQuote(W[k].Start))
                {
                    continue;
                }

                var listed = IsCue(k, out var kind);
                if (!listed && !(char.IsLower(_text[W[k].Start]) && LearnedCue(k)))
                {
                    continue;
                }

                if (k == i)
                {
                    var after = listed && kind == CueKind.According ? k + 2 : k + 1;
                    var np = ForwardNp(after, endWord);
                    if (np is null && after <= endWord && Lower(after) is "one" or "another" or "some" or "many" or "several" or "both" or "others")
                    {
                        // “...,” said one of those advisers, who ...  /  tweeted another.
                        np = new Np(after, after, after, after);
                    }

                    return np is null ? null : (k, np);
                }

                var before = ForwardNp(i, k - 1);
                return before is null ? null : (k, before);
            }

            return null;
        }

        /// <summary>A quote paragraph signed by the next one: “...” ¶ - Bernie Sanders. / —President Obama, tweeting ...</summary>
        private Np? Signature(Draft d)
        {
            var (ps, pe) = _t.Paragraphs[d.Paragraph];
            if (d.Paragraph + 1 >= _t.Paragraphs.Count || !_text.AsSpan(ps, d.Start - ps).IsWhiteSpace() || !_text.AsSpan(d.End, pe - d.End).IsWhiteSpace())
            {
                return null;
            }

            var next = d.Paragraph + 1;
            while (next < _t.Paragraphs.Count && _text.AsSpan(_t.Paragraphs[next].Start, _t.Paragraphs[next].End - _t.Paragraphs[next].Start).IsWhiteSpace())
            {
                next++;
            }

            if (next >= _t.Paragraphs.Count)
            {
                return null;
            }

            var w = _t.WordAt(_t.Paragraphs[next].Start);
            if (w + 1 >= W.Count || W[w].IsWord || Text(w) is not ("-" or "—" or "–") || !IsNameWord(w + 1))
            {
                return null;
            }

            var last = _t.WordAt(_t.Paragraphs[next].End) - 1;
            return ForwardNp(w + 1, Math.Min(last, w + _o.MaxSpeakerWords));
        }

        /// <summary>Attribution carried to quotes with no cue: along a multi-paragraph quote, within a paragraph, and to a following quote paragraph.</summary>
        private void Carry()
        {
            // Multi-paragraph chains: one speaker for the whole chain.
            for (var i = 0; i < _drafts.Count; i++)
            {
                var j = i;
                while (j + 1 < _drafts.Count && _drafts[j].ContinuesNext && _drafts[j + 1].ContinuesPrevious)
                {
                    j++;
                }

                if (j > i)
                {
                    var src = _drafts.Skip(i).Take(j - i + 1).FirstOrDefault(x => x.Attribution == AttributionKind.Cue);
                    if (src is not null)
                    {
                        for (var k = i; k <= j; k++)
                        {
                            if (_drafts[k].Attribution == AttributionKind.None)
                            {
                                _drafts[k].Attribution = AttributionKind.Carried;
                                _drafts[k].CarriedFrom = src;
                            }
                        }
                    }

                    i = j;
                }
            }

            for (var i = 0; i < _drafts.Count; i++)
            {
                var d = _drafts[i];
                if (d.Attribution != AttributionKind.None || d.Partial)
                {
                    continue;
                }

                // Same paragraph: “A.” “B,” he said.  /  “A,” he said. “B.”
                Draft? src = null;
                if (i > 0 && _drafts[i - 1].Paragraph == d.Paragraph && _drafts[i - 1].Attribution != AttributionKind.None)
                {
                    src = _drafts[i - 1];
                }
                else if (i + 1 < _drafts.Count && _drafts[i + 1].Paragraph == d.Paragraph && _drafts[i + 1].Attribution == AttributionKind.Cue)
                {
                    src = _drafts[i + 1];
                }
                else if (i > 0 && _drafts[i - 1].Paragraph == d.Paragraph - 1 && _drafts[i - 1].Direct && _drafts[i - 1].Attribution != AttributionKind.None
                    && StartsParagraph(d) && !d.ShortLine)
                {
                    // A quote paragraph with no cue continues the previous paragraph's speaker.
                    src = _drafts[i - 1];
                }

                if (src is not null)
                {
                    d.Attribution = AttributionKind.Carried;
                    d.CarriedFrom = src.CarriedFrom ?? src;
                }
            }
        }

        private bool StartsParagraph(Draft d) => _t.Paragraphs[d.Paragraph].Start == d.Start;

        /// <summary>Reported speech: cue verbs outside quote marks, content the clause they govern.</summary>
        public void FindReported()
        {
            var fulls = _drafts.Where(d => d.Direct && !d.Partial).OrderBy(d => d.Start).ToList();
            var found = new List<Draft>();
            foreach (var (ss, se) in _t.Sentences)
            {
                if (InsideFull(fulls, ss))
                {
                    continue;
                }

                var rule = ReportedIn(ss, se);
                List<Draft> candidates = rule is not null ? SplitAtNextCue(rule, se) : _o.LearnedCues ? LearnedIn(ss, se) : [];
                if (rule is not null && NestedStatement(rule, ss) is { } nested)
                {
                    candidates.Add(nested);
                }
                foreach (var d in candidates)
                {
                    if (d.End - d.Start < 8)
                    {
                        continue;
                    }

                    // Content that is one full direct quote is that quote.
                    var covered = fulls.Where(f => f.Start < d.End && d.Start < f.End).Sum(f => Math.Min(f.End, d.End) - Math.Max(f.Start, d.Start));
                    if (covered >= 0.6 * (d.End - d.Start))
                    {
                        // The quote is the statement: it takes the statement's attribution when it has none of its own.
                        foreach (var f in fulls.Where(f => f.Start < d.End && d.Start < f.End && f.Attribution == AttributionKind.None && d.Speaker is not null))
                        {
                            f.CueFirst = d.CueFirst;
                            f.CueLast = d.CueLast;
                            f.Speaker = d.Speaker;
                            f.Attribution = AttributionKind.Cue;
                        }

                        continue;
                    }

                    if (_drafts.FirstOrDefault(x => x.Direct && !x.Partial && x.CueFirst == d.CueFirst && x.Attribution == AttributionKind.Cue) is { } same)
                    {
                        // "Trump asserted that France had lost its identity: “France is no longer France,” he claimed.": the
                        // clause before the quote's colon is a statement of its own.
                        var qw = _t.WordAt(same.Start);
                        if (same.Start > d.Start && qw > 0 && Text(qw - 1) == ":" && W[qw - 1].Start > ss)
                        {
                            var colonAt = W[qw - 1].Start;
                            List<Draft> before = ReportedIn(ss, colonAt) is { } pre ? [pre] : _o.LearnedCues ? LearnedIn(ss, colonAt) : [];
                            foreach (var b in before.Where(b => b.End - b.Start >= 8 && b.CueFirst != same.CueFirst))
                            {
                                b.Paragraph = _t.ParagraphOf(b.Start);
                                found.Add(b);
                            }
                        }

                        continue;
                    }

                    d.Paragraph = _t.ParagraphOf(d.Start);
                    found.Add(d);
                }
            }

            // A partial quote takes the attribution of the reported statement it sits in; so do one or two quoted
            // words there, which are the speaker's (Trump called Cruz “desperate”), not the writer's scare quotes.
            foreach (var p in _drafts.Where(x => x.Partial).Concat(_short))
            {
                var host = found.FirstOrDefault(r => r.Start <= p.Start && p.End <= r.End + 1);
                p.InStatement = host is not null;

                // "Rubio suggested that ..., while Cruz said that the “stakes ...”": a cue of its own nearer than the statement's keeps its speaker.
                // A cue after the quote that opens a second statement of the sentence (“…,” he claimed they …) is that statement's.
                var ownCue = p.Attribution == AttributionKind.Cue && p.Speaker is not null && p.CueFirst > host?.CueFirst
                    && !(p.CueFirst >= 0 && W[p.CueFirst].Start >= p.End && found.Any(r => r != host && r.CueFirst == p.CueFirst && r.Start > p.End));
                if (host is not null && !ownCue)
                {
                    p.CueFirst = host.CueFirst;
                    p.CueLast = host.CueLast;
                    p.Speaker = host.Speaker;
                    p.Attribution = host.Attribution;
                }
            }

            // A quote paragraph with no cue after a paragraph that ends with reported speech continues that speaker
            // ("Carter said that ... ¶ “That’s because ...”").
            foreach (var q in _drafts.Where(x => x.Direct && !x.Partial && !x.ShortLine && x.Attribution == AttributionKind.None && StartsParagraph(x)))
            {
                var prev = found.LastOrDefault(r => r.Paragraph == q.Paragraph - 1 && r.Attribution == AttributionKind.Cue && r.Speaker is not null);
                if (prev is not null && !_drafts.Any(x => x.Paragraph == q.Paragraph - 1 && x.Direct && x.Start > prev.Start))
                {
                    q.Attribution = AttributionKind.Carried;
                    q.CarriedFrom = prev;
                }
            }

            // A quote sentence with no cue after a sentence of the same paragraph that attributes something continues
            // its speaker (“...” in the legislature, he said. “This bill ...”); after a sentence that is only an
            // attribution frame, it is that frame's statement (Dianne Bystrom agreed. “Mainstream Republicans ...”).
            foreach (var q in _drafts.Where(x => x.Direct && x.Attribution == AttributionKind.None))
            {
                var sq = _t.SentenceOf(q.Start);
                if (q.Partial ? !MostOfSentence(q, sq) : !IsEmptyFrame(_t.Sentences[sq].Start, q.Start))
                {
                    continue;
                }

                var prevSentence = sq - 1;
                if (prevSentence < 0 || _t.ParagraphOf(_t.Sentences[prevSentence].Start) != (StartsParagraph(q) ? q.Paragraph - 1 : q.Paragraph))
                {
                    continue;
                }

                var (ps, pe) = _t.Sentences[prevSentence];
                var prev = _drafts.Concat(found).Where(x => x != q && x.Attribution != AttributionKind.None && x.End > ps && x.End <= pe + 1 && x.End <= q.Start)
                    .OrderBy(x => x.End).LastOrDefault();
                if (prev is not null && !StartsParagraph(q) && (prev.Speaker is not null || prev.CarriedFrom is not null))
                {
                    q.Attribution = AttributionKind.Carried;
                    q.CarriedFrom = prev.CarriedFrom ?? prev;
                    q.Partial = false;
                }
                else if (prev is null && !(q.ShortLine && StartsParagraph(q)) && FrameOnly(ps, pe) is { } frame)
                {
                    q.CueFirst = frame.Cue;
                    q.CueLast = CueEndWord(frame.Cue);
                    q.Speaker = frame.Speaker;
                    q.Attribution = AttributionKind.Cue;
                    q.Partial = false;
                }
            }

            // Capitalised ones are names, titles and nicknames (“Fox & Friends”, "Queen Nancy"), not the speaker's words.
            _drafts.AddRange(_short.Where(x => x.InStatement && !TitleCase(x.Start, x.End)));
            _drafts.AddRange(found);
            _drafts.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Direct.CompareTo(b.Direct));
        }

        /// <summary>
        /// A partial quote that is most of its sentence: at most three words before it, four or more words, and either
        /// nothing after it or at least half the sentence (X said. Instead, “he just acts like a defeated man.” /
        /// “What are we going to do? That is the fight we're taking” to the rest of the country.).
        /// </summary>
        private bool MostOfSentence(Draft q, int sentence)
        {
            var (ss, _) = _t.Sentences[sentence];
            var se = _t.Sentences[_t.SentenceOf(Math.Max(q.Start, q.End - 1))].End;
            return CountWords(ss, q.Start) <= 3 && CountWords(q.Start, q.End) >= 4 && (IsEmptyFrame(q.End, se) || 2 * (q.End - q.Start) >= se - ss);
        }

        /// <summary>A sentence that is only an attribution frame, with no content: "Dianne Bystrom agreed.", "X said in a statement."</summary>
        private (int Cue, Np Speaker)? FrameOnly(int ss, int se)
        {
            var first = _t.WordAt(ss);
            var last = _t.WordAt(se) - 1;
            for (var k = first + 1; k <= last && k <= first + 25; k++)
            {
                if (!W[k].IsWord || InQuote(W[k].Start))
                {
                    continue;
                }

                var listed = IsCue(k, out var kind) && kind != CueKind.According;
                if (!listed && !(char.IsLower(_text[W[k].Start]) && LearnedCue(k)))
                {
                    continue;
                }

                var np = IsParticiple(k) && IsComma(k - 1) ? SubjectNp(first, k) : CueSubject(k, first);
                if (np is not { } found || !NounPhrase(found))
                {
                    return null;
                }

                var after = k + 1;
                if (kind == CueKind.Object && listed && ForwardNp(after, last) is { } listener)
                {
                    after = listener.Last + 1;
                }

                return TrailingAdjunct(after, last) && AdjunctStart(after, last) ? (k, found) : null;
            }

            return null;
        }

        /// <summary>
        /// Drops what no attribution reached: quoted words with none in their sentence are the writer's (titles, terms,
        /// scare quotes), and so is a lone short quoted line. A partial quote inside a reported statement stays (with no
        /// speaker when the statement has none); one that reads as speech (<see cref="ReadsAsSpeech"/>) with no cue takes
        /// a possessive name before it or the sentence's named subject as speaker, and stays with none only under
        /// <see cref="QuoteOptions.SpeakerlessSpeech"/>.
        /// </summary>
        public void DropUnattributed()
        {
            // Speech with no cue: its speaker is the sentence's subject when that is a name or a personal pronoun
            // (Dr. Muhammad Babar pondered who, without Ali, might “testify for our innocence ...”).
            foreach (var x in _drafts.Where(x => x.Direct && x.Partial && !x.InStatement && x.Attribution == AttributionKind.None && ReadsAsSpeech(x)))
            {
                var ss = _t.Sentences[_t.SentenceOf(x.Start)].Start;
                if (PossessiveBefore(_t.WordAt(ss), _t.WordAt(x.Start)) is { } owner)
                {
                    // Bolton’s “This is not a circumstance ...” / Obama's “if you like your plan, you can keep it” promise
                    x.Speaker = owner;
                    x.Attribution = AttributionKind.Cue;
                }
                else if (ViewOwnerAfter(x) is { } viewer)
                {
                    // “... it’s an across-the-board failure” from diplomacy to the defense budget, in Bolton’s view.
                    x.Speaker = viewer;
                    x.Attribution = AttributionKind.Cue;
                }
                else if (InvertedFrameAfter(x) is { } inverted)
                {
                    // ... the most obvious change of all: “It's about time that we had a woman running this country,” exhorted the actress Mara Velde.
                    x.Speaker = inverted;
                    x.Attribution = AttributionKind.Cue;
                }
                else if (SubjectNp(_t.WordAt(ss), _t.WordAt(x.Start)) is { } np && SpeakerLike(np.MentionLast))
                {
                    x.Speaker = np;
                    x.Attribution = AttributionKind.Cue;
                }
                else if (ClauseSubjectBefore(_t.WordAt(ss), _t.WordAt(x.Start)) is { } cs)
                {
                    // And although Mara Velde lamented the council's habits - “does it have to keep failing us?” - ...
                    x.Speaker = cs;
                    x.Attribution = AttributionKind.Cue;
                }
            }

            DropWhatNoAttributionReached();

            // "said Mr. Ekovich, who noted that ...", "the report, which found that ...": the relative pronoun is the cue's subject, so it is the mention
            // (PolNeAR marks it as the source); the entity is that of the phrase before the comma.
            foreach (var x in _drafts.Where(x => x.CueFirst >= 0 && x.Attribution != AttributionKind.Carried))
            {
                var w = x.CueFirst - 1;
                while (w > 0 && W[w].IsWord && _lex.SkipBeforeCue.Contains(Text(w)))
                {
                    w--;
                }

                if (w < 2 || Lower(w) is not ("who" or "which"))
                {
                    continue;
                }

                // "voters who said they cared ...": with no comma too.
                var end = IsComma(w - 1) ? w - 2 : w - 1;
                var ss = _t.Sentences[_t.SentenceOf(W[w].Start)].Start;
                Np? ante = W[end].IsWord && BackwardNp(end, _t.WordAt(ss), out _) is { } near && (SpeakerLike(near.MentionLast) || NounPhrase(near)) ? near
                    : x.Speaker is { } sp && sp.MentionLast <= end && sp.MentionFirst >= _t.WordAt(ss) ? sp : null;
                if (ante is { } a)
                {
                    x.Speaker = new Np(a.MentionFirst, a.MentionLast, w, w);
                    x.Attribution = AttributionKind.Cue;
                }
            }

            // A statement with a cue but no speaker is often the second verb of its sentence: its speaker is the
            // sentence's subject (Ruiz criticised the mayor at the rally, ... and then tweeted that she was “Disgraceful!”).
            foreach (var x in _drafts.Where(x => x.CueFirst >= 0 && !x.Forecast && (x.Speaker ?? x.CarriedFrom?.Speaker) is null))
            {
                var ss = _t.Sentences[_t.SentenceOf(W[x.CueFirst].Start)].Start;
                if (SubjectNp(_t.WordAt(ss), x.CueFirst) is { } np && (SpeakerLike(np.MentionLast) || NounPhrase(np)))
                {
                    x.Speaker = np;
                    x.Attribution = AttributionKind.Cue;
                }
            }

            // A quote kept with no speaker (speech with no cue, a partial quote in a statement whose speaker was not
            // found) continues the nearest attributed statement around it.
            foreach (var x in _drafts.Where(x => x.Direct && (x.Speaker ?? x.CarriedFrom?.Speaker) is null).OrderBy(x => x.Start).ToList())
            {
                if (NearbySpeaker(x) is { } src)
                {
                    x.Attribution = AttributionKind.Carried;
                    x.CarriedFrom = src.CarriedFrom ?? src;
                    x.KeepsCue = true;
                }
            }
        }

        /// <summary>
        /// The attributed statement whose speaker a cueless quote most likely continues: the nearest one before it in its
        /// paragraph, else after it there, else the last one of the previous paragraph, else the first of the next.
        /// </summary>
        private Draft? NearbySpeaker(Draft x)
        {
            Draft? before = null, after = null, prev = null, next = null;
            foreach (var c in _drafts)
            {
                if (c == x || c.Attribution == AttributionKind.None || (c.Speaker ?? c.CarriedFrom?.Speaker) is not { } sp || !NounPhrase(sp))
                {
                    continue;
                }

                if (c.Paragraph == x.Paragraph)
                {
                    if (c.Start < x.Start && (before is null || c.Start > before.Start))
                    {
                        before = c;
                    }
                    else if (c.Start > x.Start && (after is null || c.Start < after.Start))
                    {
                        after = c;
                    }
                }
                else if (c.Paragraph == x.Paragraph - 1 && (prev is null || c.Start > prev.Start))
                {
                    prev = c;
                }
                else if (c.Paragraph == x.Paragraph + 1 && (next is null || c.Start < next.Start))
                {
                    next = c;
                }
            }

            return before ?? after ?? prev ?? next ?? DominantSpeaker(x);
        }

        /// <summary>
        /// The statement of the article's single dominant speaker nearest before <paramref name="x"/> (else the first): the
        /// one whose name (last word, pronouns not counted) attributes at least half of the named statements, and two or more.
        /// </summary>
        private Draft? DominantSpeaker(Draft x)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = 0;
            foreach (var c in _drafts)
            {
                if (c.Attribution == AttributionKind.Cue && c.Speaker is { } sp && IsNameWord(sp.MentionLast) && !_lex.Pronouns.Contains(Text(sp.MentionLast)))
                {
                    var key = Bare(sp.MentionLast);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    total++;
                }
            }

            if (counts.Count == 0)
            {
                return null;
            }

            var top = counts.MaxBy(kv => kv.Value);
            if (top.Value < 2 || top.Value * 2 < total)
            {
                return null;
            }

            Draft? best = null;
            foreach (var c in _drafts)
            {
                if (c.Attribution == AttributionKind.Cue && c.Speaker is { } sp && IsNameWord(sp.MentionLast) && Bare(sp.MentionLast) == top.Key
                    && (best is null || (c.Start < x.Start && (best.Start > x.Start || c.Start > best.Start))))
                {
                    best = c;
                }
            }

            return best;
        }

        /// <summary>A capitalised possessive name ("Bolton’s", "Hillary Clinton’s campaign slogan is") at most four words before a quote, with no punctuation between.</summary>
        private Np? PossessiveBefore(int first, int quoteWord)
        {
            for (var i = quoteWord - 1; i >= first && i >= quoteWord - 5; i--)
            {
                if (!W[i].IsWord)
                {
                    return null;
                }

                var l = Lower(i);
                if (IsPossessive(l) && IsNameWord(i) && l.Length > 3)
                {
                    var f = i;
                    while (f - 1 >= first && IsNameWord(f - 1) && f > i - 3)
                    {
                        f--;
                    }

                    return WithMention(f, i);
                }
            }

            return null;
        }

        /// <summary>
        /// The owner of a point of view after a quote in its sentence: "in", a capitalised possessive name of up to three
        /// words and a word of Data/lexicon.txt [view-words] ("…” from diplomacy to the defense budget, in Bolton’s view."),
        /// within 15 words of the closing mark and with no other quote between.
        /// </summary>
        private Np? ViewOwnerAfter(Draft d)
        {
            var sentenceEnd = _t.Sentences[_t.SentenceOf(d.Start)].End;
            var from = _t.WordAt(d.End);
            for (var i = from; i < W.Count && i < from + 15 && W[i].Start < sentenceEnd; i++)
            {
                if (InQuote(W[i].Start))
                {
                    return null;
                }

                if (!W[i].IsWord || Lower(i) != "in")
                {
                    continue;
                }

                var j = i + 1;
                while (j < W.Count && j <= i + 3 && IsNameWord(j) && !IsPossessive(Lower(j)))
                {
                    j++;
                }

                if (j < W.Count - 1 && j <= i + 3 && IsNameWord(j) && IsPossessive(Lower(j)) && W[j + 1].IsWord && _lex.ViewWords.Contains(Lower(j + 1)))
                {
                    return WithMention(i + 1, j);
                }
            }

            return null;
        }

        /// <summary>
        /// The speaker of an inverted frame with a verb no list knows, right after a quote that closes on a comma: a
        /// lowercase word ending in "ed" or "s", then a name, pronoun, determiner phrase or phrase opening with a name's
        /// possessive that runs to a comma or the
        /// sentence's end (“…, ” exhorted Clinton's introducer, actress Jamie Lee Curtis.).
        /// </summary>
        private Np? InvertedFrameAfter(Draft d)
        {
            var e = d.End - 1;
            while (e > d.Start && _text[e] is '"' or '\'' or '”' or '’' or ' ')
            {
                e--;
            }

            if (_text[e] != ',')
            {
                return null;
            }

            var sentence = _t.Sentences[_t.SentenceOf(d.Start)];
            var v = _t.WordAt(d.End);
            while (v < W.Count && W[v].Start < sentence.End && !W[v].IsWord)
            {
                v++;
            }

            if (v + 1 >= W.Count || W[v].Start >= sentence.End || InQuote(W[v].Start) || !char.IsLower(_text[W[v].Start]))
            {
                return null;
            }

            var verb = Lower(v);
            if (verb.Length < 4 || !(verb.EndsWith("ed", StringComparison.Ordinal) || verb.EndsWith('s')) || Prepositions.Contains(verb)
                || _lex.Determiners.Contains(verb) || _lex.Pronouns.Contains(Text(v)) || _lex.SpeechVerbs.Contains(verb))
            {
                return null;
            }

            var last = v + 1;
            while (last + 1 < W.Count && W[last + 1].Start < sentence.End)
            {
                last++;
            }

            if (ForwardNp(v + 1, last) is not { } np || np.First != v + 1
                || !(SpeakerLike(np.MentionLast) || NounPhrase(np) || (np.Last > np.First && IsNameWord(np.First) && IsPossessive(Lower(np.First)))))
            {
                return null;
            }

            var after = np.Last + 1;
            return after > last || IsComma(after) || (!W[after].IsWord && _text[W[after].Start] is '.' or '!' or '?') ? np : null;
        }

        /// <summary>
        /// The subject of the clause that holds a cueless quote, when the sentence's own subject gave none: the nearest
        /// capitalised name (a speaker-like word, not a possessive) before the quote that a lowercase word follows, with no
        /// comma, colon or other quote between it and the quote, at most 15 words back, and no "that" before it in the
        /// sentence ("And although former Maryland governor Martin O'Malley lamented her tendency to commit gaffes - “does
        /// she have to keep …?” -"; not "who promises that Johnson won't “send you …”").
        /// </summary>
        private Np? ClauseSubjectBefore(int first, int quoteWord)
        {
            for (var k = quoteWord - 1; k >= first && k >= quoteWord - 15; k--)
            {
                if (!W[k].IsWord)
                {
                    if (_text[W[k].Start] is ',' or ':' or ';' or '(' or ')' || InQuote(W[k].Start))
                    {
                        return null;
                    }

                    continue;
                }

                if (InQuote(W[k].Start))
                {
                    return null;
                }

                if (k + 1 < quoteWord && W[k + 1].IsWord && char.IsLower(_text[W[k + 1].Start]) && !Prepositions.Contains(Lower(k + 1))
                    && Lower(k + 1) is not ("and" or "or" or "of")
                    && IsNameWord(k) && SpeakerLike(k) && !IsPossessive(Lower(k)) && !_lex.Pronouns.Contains(Text(k)) && k > first)
                {
                    // Not the subject of a reported clause (who promises that Johnson won't “send you to fight wars overseas”).
                    for (var t = first; t < k; t++)
                    {
                        if (Lower(t) == "that")
                        {
                            return null;
                        }
                    }

                    return BackwardNp(k, first, out _) is { } np && SpeakerLike(np.MentionLast) ? np : null;
                }
            }

            return null;
        }

        /// <summary>A word that can name a speaker with no cue to confirm it: a personal pronoun, or a capitalised name that is no other pronoun or contraction ("It", "It's").</summary>
        private bool SpeakerLike(int w) =>
            _lex.PersonPronouns.Contains(Text(w)) || Lower(w) == "they"
            || (IsNameWord(w) && !_lex.Pronouns.Contains(Text(w)) && !Text(w).Contains('\'', StringComparison.Ordinal) && !Text(w).Contains('’', StringComparison.Ordinal));

        private void DropWhatNoAttributionReached() =>
            _drafts.RemoveAll(x => x.Direct && ((((x.Partial && !(x.InStatement || (!x.InStatement && _o.SpeakerlessSpeech && ReadsAsSpeech(x)))) || x.ShortLine) && x.Attribution == AttributionKind.None)
                || ((x.Partial || CountWords(x.Start, x.End) <= 4) && Title(x)) || NamesWhatFollows(x) || CapitalsLine(x)));

        /// <summary>A quote in capitals or in single marks that fills its paragraph (“DIVISIVE, STUPID AND WRONG”, 'A really tough decision.') is a subheading, not a statement.</summary>
        private bool CapitalsLine(Draft d)
        {
            var (ps, pe) = _t.Paragraphs[d.Paragraph];
            if (!IsEmptyFrame(ps, d.Start) || !IsEmptyFrame(d.End, pe))
            {
                return false;
            }

            // News pages set a section's subheading in single marks ('A really tough decision.'); speech is in double marks.
            if (_text[d.Start] is '\'' or '‘' && (d.End - d.Start < 2 || _text[d.Start + 1] is not ('\'' or '‘')))
            {
                return true;
            }

            var letters = 0;
            for (var i = d.Start; i < d.End; i++)
            {
                if (char.IsLower(_text[i]))
                {
                    return false;
                }

                letters += char.IsLetter(_text[i]) ? 1 : 0;
            }

            return letters >= 8;
        }

        /// <summary>
        /// A quote that names what follows it: capitalised words before a noun for a person of a show, an ad or a slogan's
        /// carrier (“Daily Show” host, the “No Comparison” ad; Data/lexicon.txt [title-after-words]), or a headline
        /// credited to its writer (—"Sam Mendes leaves the show," by the Post's Ann Berg).
        /// </summary>
        private bool NamesWhatFollows(Draft d)
        {
            var next = _t.WordAt(d.End);
            if (next >= W.Count || !W[next].IsWord || _t.ParagraphOf(W[next].Start) != d.Paragraph)
            {
                return false;
            }

            if (_lex.TitleAfterWords.Contains(Text(next)) && TitleCase(d.Start, d.End))
            {
                return true;
            }

            var inner = d.End - 1;
            while (inner > d.Start && !char.IsLetterOrDigit(_text[inner]) && _text[inner] != ',')
            {
                inner--;
            }

            var name = next + 1 < W.Count && Lower(next + 1) == "the" ? next + 2 : next + 1;
            return _text[inner] == ',' && Text(next) == "by" && name < W.Count && IsNameWord(name);
        }

        /// <summary>
        /// A quoted span that reads as someone's speech rather than a term or a title: not mostly capitalised, and with a
        /// first- or second-person word (“we can't wait”), or a finite verb and sentence-final punctuation inside the marks
        /// (“the system is rigged.”). Word lists: Data/lexicon.txt [speech-persons], [speech-verbs], [speech-verb-endings].
        /// </summary>
        private bool ReadsAsSpeech(Draft d)
        {
            if (TitleCase(d.Start, d.End))
            {
                return false;
            }

            bool person = false, verb = false;
            for (var i = _t.WordAt(d.Start); i < W.Count && W[i].Start < d.End; i++)
            {
                if (!W[i].IsWord)
                {
                    continue;
                }

                var w = Lower(i).Replace('’', '\'');
                person |= _lex.SpeechPersons.Contains(w);
                verb |= _lex.SpeechVerbs.Contains(w) || _lex.SpeechVerbEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal));
            }

            return person || (verb && EndsInsideOnStop(d));
        }

        /// <summary>True when the last character before the closing mark is a sentence end (. ! ? or …).</summary>
        private bool EndsInsideOnStop(Draft d)
        {
            var e = d.End - 1;
            while (e > d.Start && _text[e] is '"' or '\'' or '”' or '’' or ',' or ' ')
            {
                e--;
            }

            return e > d.Start && _text[e] is '.' or '!' or '?' or '…';
        }

        /// <summary>A partial or short quote that names a work: capitalised words after a possessive or a word such as "show" (ABC's “This Week”, the podcast “Here's the Thing”).</summary>
        private bool Title(Draft d)
        {
            var w = _t.WordAt(d.Start) - 1;
            if (w < 0 || !W[w].IsWord || !TitleCase(d.Start, d.End))
            {
                return false;
            }

            var l = Lower(w);
            return IsPossessive(l) || _lex.WorkWords.Contains(l) || _lex.TitleBeforeWords.Contains(l);
        }

        /// <summary>True when most words between two offsets are capitalised.</summary>
        private bool TitleCase(int a, int b)
        {
            int words = 0, caps = 0;
            for (var i = _t.WordAt(a); i < W.Count && W[i].Start < b; i++)
            {
                if (W[i].IsWord && char.IsLetter(_text[W[i].Start]))
                {
                    words++;
                    caps += char.IsUpper(_text[W[i].Start]) ? 1 : 0;
                }
            }

            return words > 0 && caps * 2 > words;
        }

        /// <summary>True when quote <paramref name="q"/> continues the statement of <paramref name="prev"/> across its frame in one sentence: “A,” said X, “B.”</summary>
        private bool Continues(Draft prev, QuotedSpan q, int sentenceStart, int sentenceEnd)
        {
            if (!prev.Direct || prev.Partial || prev.Attribution == AttributionKind.None || prev.End > q.Start || prev.Start < sentenceStart
                || prev.CueFirst < 0 || W[prev.CueFirst].Start < prev.End || W[prev.CueFirst].Start > q.Start || !IsEmptyFrame(q.End, sentenceEnd))
            {
                return false;
            }

            var before = _t.WordAt(q.Start) - 1;
            return before >= 0 && Text(before) is "," or ":" or "—";
        }

        private static bool InsideFull(List<Draft> fulls, int pos)
        {
            foreach (var f in fulls)
            {
                if (f.Start < pos && pos < f.End - 1)
                {
                    return true;
                }
            }

            return false;
        }

        private Draft? ReportedIn(int ss, int se)
        {
            var first = _t.WordAt(ss);
            var last = _t.WordAt(se) - 1;
            if (last < first)
            {
                return null;
            }

            var cues = new List<int>();
            for (var i = first; i <= last; i++)
            {
                if (IsCue(i, out _) && !InQuote(W[i].Start))
                {
                    cues.Add(i);
                }
            }

            if (cues.Count == 0)
            {
                return null;
            }

            // R3: according to X.
            foreach (var k in cues)
            {
                if (!IsCue(k, out var kind) || kind != CueKind.According)
                {
                    continue;
                }

                var np = ForwardNp(k + 2, last);
                if (np is null)
                {
                    continue;
                }

                if (k > first && IsComma(k - 1))
                {
                    return Make(ss, W[k - 1].Start, k, np);
                }

                if (k == first || (k == first + 1 && !W[first].IsWord))
                {
                    var c = np.Value.Last + 1;
                    if (c <= last && IsComma(c))
                    {
                        return Make(W[c].End, se, k, np);
                    }
                }
            }

            // R2: CLAUSE, X said. / CLAUSE, said X.
            var lk = cues[^1];
            if (lk > first + 2)
            {
                if (ClauseComma(lk) is var c0 && c0 > first && VerbCue(lk) && !(IsCue(lk, out var lkKind) && lkKind == CueKind.Object) && !NameWithApposition(first, c0))
                {
                    var np = ForwardNp(lk + 1, last);
                    if (np is not null && ((TrailingAdjunct(np.Value.Last + 1, last) && AdjunctStart(np.Value.Last + 1, last)) || IsComma(np.Value.Last + 1)))
                    {
                        // "… will be followed, said Putin, by …" is the whole sentence (one span, the cue inside it); after a
                        // complete clause the words past the name are its apposition.
                        return IsComma(np.Value.Last + 1) && ContinuesAcrossCue(c0, np.Value.Last + 2, last, first, openOnly: true)
                            ? ToSentenceEnd(ss, se, lk, np)
                            : Make(ss, ContentEndBefore(c0), lk, np);
                    }
                }

                var bn = BackwardNp(lk - 1, first, out var npFirstSkipped);
                // "CLAUSE, staff told the Gazette on Wednesday.": the listener after an object cue is passed first.
                var tail = lk + 1;
                if (IsCue(lk, out var tailKind) && tailKind == CueKind.Object && ForwardNp(lk + 1, last) is { } listener)
                {
                    tail = listener.Last + 1;
                }

                if (bn is not null && ClauseComma(bn.Value.First) is var c1 && c1 > first && npFirstSkipped)
                {
                    // "… will be followed, Putin said, by a visit …": the words after the cue finish the clause.
                    if (IsComma(tail) && ContinuesAcrossCue(c1, tail + 1, last, first, openOnly: false))
                    {
                        return ToSentenceEnd(ss, se, lk, bn);
                    }

                    if (TrailingAdjunct(tail, last) && AdjunctStart(tail, last))
                    {
                        return Make(ss, ContentEndBefore(c1), lk, bn);
                    }
                }
            }

            // R1: X said (that) CLAUSE.
            return SaidBy(first, last, cues, se);
        }

        /// <summary>
        /// The statement nested in an "according to" one: "He confirmed that this matter was discussed, according to
        /// TASS." is TASS's report (as PolNeAR marks it) of what "he" confirmed, the content after the cue. Only a speech
        /// cue whose subject is a pronoun, a name or a noun for people makes one.
        /// </summary>
        private Draft? NestedStatement(Draft outer, int ss)
        {
            var k = outer.CueFirst;
            var first = _t.WordAt(ss);
            if (k <= first + 2 || !IsCue(k, out var kind) || kind != CueKind.According || !IsComma(k - 1) || outer.End > W[k - 1].Start)
            {
                return null;
            }

            var cues = new List<int>();
            for (var i = first; i < k - 1; i++)
            {
                if (IsCue(i, out var ki) && ki != CueKind.According && !InQuote(W[i].Start))
                {
                    cues.Add(i);
                }
            }

            if (SaidBy(first, k - 2, cues, W[k - 1].Start) is not { Speaker: { } np } inner)
            {
                return null;
            }

            var head = np.MentionLast;
            var (people, _) = CueClasses(inner);
            var speakerWord = _lex.Pronouns.Contains(Text(head)) || (IsNameWord(head) && SpeakerLike(head)) || PeopleNoun(head);
            return people == CueClass.Speech && speakerWord ? inner : null;
        }

        /// <summary>R1, "X said (that) CLAUSE": the first cue in words [first, last] with a subject and a clause after it, the content running to <paramref name="se"/>.</summary>
        private Draft? SaidBy(int first, int last, List<int> cues, int se)
        {
            foreach (var k in cues)
            {
                if (!IsCue(k, out var kind) || kind == CueKind.According)
                {
                    continue;
                }

                if (k > first && W[k - 1].IsWord && Lower(k - 1) is "to" or "is" or "was" or "are" or "were" or "be" or "been")
                {
                    if (!(Lower(k - 1) == "as" || Lower(k) == "saying" || GoesOnTo(k) > 0))
                    {
                        continue;
                    }
                }

                Np? np;
                if (IsParticiple(k) && k > first && IsComma(k - 1))
                {
                    np = SubjectNp(first, k);
                }
                else
                {
                    np = CueSubject(k, first);
                }

                if (np is null)
                {
                    continue;
                }

                var c = k + 1;
                if (kind == CueKind.Object)
                {
                    var listener = ForwardNp(c, last);
                    if (listener is null)
                    {
                        continue;
                    }

                    c = listener.Value.Last + 1;
                }

                c = ContentStart(c, last);
                if (c < 0 || last - c + 1 < 3)
                {
                    continue;
                }

                // "After the interview concluded, Maher stated … that …": a later cue before the content is the statement's.
                if (cues.Any(k2 => k2 > k + 1 && k2 < c && W[k2].Start < W[c].Start && IsCue(k2, out var kind2) && kind2 != CueKind.According && CueSubject(k2, first) is not null))
                {
                    continue;
                }

                return ToSentenceEnd(W[c].Start, se, k, np);
            }

            return null;
        }

        /// <summary>
        /// True when the words after a cue set off by commas inside a sentence (<paramref name="from"/> to
        /// <paramref name="last"/>) continue the clause before the cue's first comma (<paramref name="comma"/>), with no
        /// subject and verb of their own: "… will be followed, Putin said, by a visit …", "The economy, he said, is
        /// growing". A conjunction, a pronoun, a participle or another cue opens a clause of its own; a phrase starting
        /// with a preposition, a time word or an article continues only a clause left unfinished ("will be followed",
        /// "is", "to"), since after a complete one it is the cue's adjunct ("…, he said, in a statement"); with
        /// <paramref name="openOnly"/> ("…, said X, …", where a phrase after the name is its apposition) only those continue.
        /// A sentence with quote marks is left to the direct quotes.
        /// </summary>
        private bool ContinuesAcrossCue(int comma, int from, int last, int first, bool openOnly)
        {
            if (from > last || comma < 1 || !W[from].IsWord || !char.IsLower(_text[W[from].Start]) || !W[comma - 1].IsWord)
            {
                return false;
            }

            var l = Lower(from);
            if (_lex.NewClauseWords.Contains(l) || IsIngForm(from) || _lex.TimeWords.Contains(Text(from)))
            {
                return false;
            }

            for (var i = first; i <= last; i++)
            {
                // Quoted words in the sentence are a direct quote's, handled apart.
                if ((i >= from && W[i].IsWord && IsCue(i, out _)) || (!W[i].IsWord && QuoteMarks.IsQuoteChar(_text[W[i].Start])))
                {
                    return false;
                }
            }

            var end = Lower(comma - 1);
            var open = _lex.OpenClauseEnds.Contains(end) || _lex.BeForms.Contains(end)
                || (end.EndsWith("ed", StringComparison.Ordinal) && comma > 1 && W[comma - 2].IsWord && _lex.BeForms.Contains(Lower(comma - 2))
                    && _lex.PassiveContinuations.Contains(l));
            return open || (!openOnly && !(AdjunctStart(from, last) || _lex.Determiners.Contains(l)));
        }

        /// <summary>A reported statement from <paramref name="start"/> to the sentence end <paramref name="se"/>, less its closing punctuation.</summary>
        private Draft ToSentenceEnd(int start, int se, int cue, Np? np)
        {
            var end = se;
            while (end > start && (char.IsWhiteSpace(_text[end - 1]) || _text[end - 1] is '.' or '!' or '?' or ';'))
            {
                end--;
            }

            return Make(start, end, cue, np);
        }

        /// <summary>
        /// A reported statement ends where a second statement of the same sentence begins, as news annotators bound them:
        /// a coordinated or participle cue that opens a clause ("X suggested that … and argued that …", "…, claiming that
        /// …", "… - and arguing that …") or a pronoun and a cue after a comma ("X admitted that …,” he claimed they …").
        /// The rest is that second statement, with the pronoun or else the first statement's speaker.
        /// </summary>
        private List<Draft> SplitAtNextCue(Draft d, int se)
        {
            var result = new List<Draft>();
            var last = _t.WordAt(se) - 1;
            var from = _t.WordAt(d.Start) + 1;
            if (d.Direct || d.CueFirst < 0 || from <= d.CueFirst)
            {
                return [d];
            }

            while (true)
            {
                var split = NextStatementCue(from, last, d.End);
                if (split is not { } sp)
                {
                    result.Add(d);
                    return result;
                }

                var end = IsComma(sp.Join) ? ContentEndBefore(sp.Join) : W[sp.Join].Start;
                var c = sp.Cue + 1;
                if (IsCue(sp.Cue, out var kind) && kind == CueKind.Object && ForwardNp(c, last) is { } listener)
                {
                    c = listener.Last + 1;
                }

                c = c <= last ? ContentStart(c, last) : -1;
                if (c < 0 || last - c + 1 < 3 || CountWordsBetween(_t.WordAt(d.Start), sp.Join - 1) < 3)
                {
                    result.Add(d);
                    return result;
                }

                var first = Make(d.Start, end, d.CueFirst, d.Speaker);
                first.CueLast = d.CueLast;
                first.Attribution = d.Attribution;
                result.Add(first);
                var second = Make(W[c].Start, d.End, sp.Cue, sp.Subject ?? d.Speaker);
                if (sp.Subject is null)
                {
                    second.Attribution = d.Attribution;
                }

                d = second;
                from = c + 1;
            }
        }

        /// <summary>The next cue after word <paramref name="from"/> that opens a statement of its own (see <see cref="SplitAtNextCue"/>): the cue, the first word not in the first statement, and the pronoun subject if any.</summary>
        private (int Cue, int Join, Np? Subject)? NextStatementCue(int from, int last, int end)
        {
            for (var i = from; i <= last && W[i].Start < end; i++)
            {
                if (!W[i].IsWord || i < 2 || InQuote(W[i].Start) || !IsCue(i, out var kind) || kind == CueKind.According || i + 1 > last)
                {
                    continue;
                }

                var opensClause = Lower(i + 1) == "that" || (IsIngForm(i) && W[i + 1].IsWord && !Prepositions.Contains(Lower(i + 1)));
                if (W[i - 1].IsWord && Lower(i - 1) is "and" or "but" && opensClause)
                {
                    var join = i - 1;
                    return (i, join > 0 && !W[join - 1].IsWord && Text(join - 1) is "," or "-" or "—" ? join - 1 : join, null);
                }

                if (!W[i - 1].IsWord && IsIngForm(i) && opensClause && (ClauseComma(i) is var pc && pc > 0 ? pc : Text(i - 1) is "-" or "—" ? i - 1 : -1) is var pj && pj > 0)
                {
                    return (i, pj, null);
                }

                if (W[i - 1].IsWord && _lex.PersonPronouns.Contains(Text(i - 1)) && ClauseComma(i - 1) is var comma && comma > 0
                    && W[i + 1].IsWord && !Prepositions.Contains(Lower(i + 1)) && !_lex.TimeWords.Contains(Text(i + 1)))
                {
                    return (i, comma, new Np(i - 1, i - 1, i - 1, i - 1));
                }
            }

            return null;
        }

        /// <summary>
        /// Attributions whose cue the learned tagger (<see cref="CueModel"/>) finds in a sentence the rules found none
        /// in: the content is what follows the cue up to the next cue ("X plans to ...", "X called for ..."), or, when
        /// little follows, what precedes the cue's subject ("..., reacted X").
        /// </summary>
        private List<Draft> LearnedIn(int ss, int se)
        {
            var result = new List<Draft>();
            var first = _t.WordAt(ss);
            var last = _t.WordAt(se) - 1;
            if (last < first)
            {
                return result;
            }

            var cues = new List<(int First, int Last)>();
            for (var i = first; i <= last; i++)
            {
                if (!_model.IsCandidate(_t, i) || InQuote(W[i].Start) || _model.Score(_t, i, _lex) <= _o.LearnedCueThreshold)
                {
                    continue;
                }

                if (cues.Count > 0 && cues[^1].Last == i - 1)
                {
                    cues[^1] = (cues[^1].First, i);
                }
                else
                {
                    cues.Add((i, i));
                }
            }

            // "which has always guarded", "little changed against the euro": a run of auxiliaries, adverbs or
            // prepositions is no cue.
            cues.RemoveAll(c => NotSpeechRun(c.First, c.Last));
            var prevEnd = first;
            for (var j = 0; j < cues.Count; j++)
            {
                var (cf, cl) = cues[j];
                var stop = j + 1 < cues.Count ? cues[j + 1].First - 1 : last;
                // "Trump launched an attack against Obama, calling him ...": a participle after a comma takes the sentence's subject.
                var participle = cf > first && IsComma(cf - 1) && IsIngForm(cf);
                var np = participle ? SubjectNp(first, cf) : cf > first ? BackwardNp(cf - 1, first, out _) : null;
                if (np is null && j == 0 && cf > first)
                {
                    // "Gowdy’s office slammed ..., calling it “meritless”": the subject of the sentence.
                    np = SubjectNp(first, cf);
                }
                if (np is { } withVerb && !participle && SubjectBeforeAuxiliary(withVerb) is { } cut)
                {
                    // "The mayor has also toyed with …": the phrase read back from the cue ends at its subject's verb.
                    np = cut;
                }
                else if (np is { } bare && !participle && !NounPhrase(bare) && cf > first && SubjectNp(first, cf) is { } subject && NounPhrase(subject) && subject.Last < cf)
                {
                    // "He said the campaign needs …": words before the cue that are no name, pronoun or determiner
                    // phrase are not its speaker; the sentence's subject is.
                    np = subject;
                }

                // "She is expected to visit ...": a forecast about the subject, which is not its speaker.
                var forecast = Forecast(cf, cl);
                if (forecast)
                {
                    np = null;
                }

                Draft? d = null;
                if (CountWordsBetween(cl + 1, stop) >= 2)
                {
                    var c = cl + 1;
                    while (c <= stop && !W[c].IsWord && !QuoteMarks.IsQuoteChar(_text[W[c].Start]))
                    {
                        c++;
                    }

                    var end = stop < last ? W[stop].End : se;
                    if (stop < last)
                    {
                        // "... “another super Tuesday for our campaign” and [said]": the joining word is not content.
                        var e = stop;
                        while (e > c + 1 && (!W[e].IsWord ? Text(e) is "," or "—" or "-" : Lower(e) is "and" or "but" or "or" or "a" or "an" or "the" or "to" or "as" or "that" or "which" or "who" or "while"))
                        {
                            e--;
                        }

                        end = W[e].End;
                    }

                    while (end > W[c].Start && (char.IsWhiteSpace(_text[end - 1]) || _text[end - 1] is '.' or '!' or '?' or ';' or ','))
                    {
                        end--;
                    }

                    d = Make(W[c].Start, end, cf, np);
                }
                else
                {
                    var before = np is { } n ? n.First - 1 : cf - 1;
                    np ??= ForwardNp(cl + 1, last);
                    // "A day after the flood, residents …": a time phrase before the subject is no statement.
                    if (CountWordsBetween(prevEnd, before) >= 2 && !(prevEnd == first && TimePhrase(first)))
                    {
                        d = Make(W[prevEnd].Start, W[before].End, cf, np);
                    }
                }

                if (d is not null)
                {
                    d.CueLast = cl;
                    d.Forecast = forecast;
                    result.Add(d);
                }

                prevEnd = cl + 1;
            }

            return result;
        }

        /// <summary>The words before the first finite auxiliary of a phrase ("The mayor" of "The mayor has also toyed") when they are a name, pronoun or determiner phrase; else null.</summary>
        private Np? SubjectBeforeAuxiliary(Np np)
        {
            for (var k = np.First + 1; k <= np.Last; k++)
            {
                if (W[k].IsWord && char.IsLower(_text[W[k].Start]) && _lex.SpeechVerbs.Contains(Lower(k)))
                {
                    var e = k - 1;
                    while (e >= np.First && !W[e].IsWord)
                    {
                        e--;
                    }

                    return e >= np.First && WithMention(np.First, e) is var head && NounPhrase(head) ? head : null;
                }
            }

            return null;
        }

        private int CountWordsBetween(int a, int b)
        {
            var n = 0;
            for (var i = Math.Max(a, 0); i <= b && i < W.Count; i++)
            {
                if (W[i].IsWord)
                {
                    n++;
                }
            }

            return n;
        }

        private static readonly string[] Prepositions = ["from", "to", "in", "on", "at", "for", "with", "by", "about", "into", "of", "during", "after", "before", "over", "under", "as"];

        /// <summary>Where reported content starts after a cue: at "that" when it comes within a few words, past day names; -1 when a preposition starts it.</summary>
        private int ContentStart(int c, int last)
        {
            for (var i = c; i <= Math.Min(last, c + 8); i++)
            {
                if (!W[i].IsWord && Text(i) is not ",")
                {
                    break;
                }

                if (Lower(i) == "that")
                {
                    return i;
                }
            }

            while (c <= last && ((!W[c].IsWord && Text(c) is "," or ":") || (W[c].IsWord && _lex.TimeWords.Contains(Text(c)))))
            {
                c++;
            }

            if (c > last || Prepositions.Contains(Lower(c)))
            {
                return -1;
            }

            return c;
        }

        private Draft Make(int start, int end, int cue, Np? np)
        {
            while (start < end && (char.IsWhiteSpace(_text[start]) || _text[start] is ',' or ':' or ';' or '—' or '-'))
            {
                start++;
            }

            while (end > start && (char.IsWhiteSpace(_text[end - 1]) || _text[end - 1] is ',' or ';' or ':' or '—'))
            {
                end--;
            }

            return new Draft
            {
                Start = start,
                End = end,
                Direct = false,
                CueFirst = cue,
                CueLast = CueEndWord(cue),
                Speaker = np,
                Attribution = np is null ? AttributionKind.None : AttributionKind.Cue,
            };
        }

        /// <summary>End offset of content before a comma at word <paramref name="comma"/>: a closing quote right after the comma stays in.</summary>
        private int ContentEndBefore(int comma)
        {
            var w = W[comma];
            if (comma + 1 < W.Count && !W[comma + 1].IsWord && W[comma + 1].Start == w.End && QuoteMarks.IsQuoteChar(_text[W[comma + 1].Start]))
            {
                return W[comma + 1].End;
            }

            return w.Start;
        }

        /// <summary>True when the words from <paramref name="from"/> to the sentence end are a short adjunct ("in a statement on Thursday").</summary>
        private bool TrailingAdjunct(int from, int last)
        {
            var n = 0;
            for (var i = from; i <= last; i++)
            {
                if (W[i].IsWord)
                {
                    n++;
                    // "… stated of the scandal that the report …": a that-clause is the statement, not an adjunct.
                    if ((IsCue(i, out _) && Lower(i) is not ("according" or "to")) || (Lower(i) == "that" && !InQuote(W[i].Start)))
                    {
                        return false;
                    }
                }
                else if (Text(i) is not ("." or "!" or "?" or "," or "'" or "’" or "\"" or "”" or "''"))
                {
                    return false;
                }
            }

            return n <= 16;
        }

        /// <summary>True when what follows a cue is nothing, punctuation, a day name or a preposition: not a reported clause.</summary>
        private bool AdjunctStart(int i, int last) =>
            i > last || !W[i].IsWord || _lex.TimeWords.Contains(Text(i)) || Prepositions.Contains(Lower(i)) || (Lower(i) is "this" or "last" or "late" or "early");

        /// <summary>The attribution frame after a quote: “...,” X said / said X / he told reporters.</summary>
        private (bool Ok, int Cue, Np? Speaker) AfterFrame(int qe, int sentenceEnd)
        {
            var i = _t.WordAt(qe);
            var limit = Math.Min(sentenceEnd, NextQuoteStart(qe));
            while (i < W.Count && W[i].Start < limit && !W[i].IsWord && Text(i) is "," or "—" or "–" or "-" or ":")
            {
                i++;
            }

            var endWord = _t.WordAt(limit) - 1;
            if (i > endWord || !W[i].IsWord)
            {
                return (true, -1, null);
            }

            var learnedInverted = !IsCue(i, out _) && char.IsLower(_text[W[i].Start]) && i + 1 <= endWord && IsNameWord(i + 1)
                && _model.IsCandidate(_t, i) && _model.Score(_t, i, _lex) > _o.LearnedCueThreshold;
            if (learnedInverted)
            {
                // “...,” mused Blaze co-host Stu Burguiere.  /  scoffed Arianna Gil, 22, who ...
                var np = ForwardNp(i + 1, endWord);
                if (np is not null)
                {
                    return (TrailingAdjunct(np.Value.Last + 1, endWord) || IsComma(np.Value.Last + 1), i, np);
                }
            }

            if (IsCue(i, out var kind) && (kind == CueKind.According || VerbCue(i)))
            {
                var np = ForwardNp(kind == CueKind.According ? i + 2 : i + 1, endWord);
                if (np is not null)
                {
                    return (TrailingAdjunct(np.Value.Last + 1, endWord), i, np);
                }
            }

            // “...,” Ilan Dzhavo, director of the Water Authority, which operates the dam, told reporters.
            if (IsNameWord(i) && NameBeforeComma(i, endWord) is { } named)
            {
                for (var k = named.Last + 2; k <= Math.Min(endWord, named.Last + 26); k++)
                {
                    if (!W[k].IsWord && Text(k) is not ("," or "-" or "'" or "’" or "(" or ")") && !AbbreviationDot(k))
                    {
                        break;
                    }

                    if (IsComma(k - 1) && IsCue(k, out var ak) && ak != CueKind.According)
                    {
                        var after = k + 1;
                        if (ak == CueKind.Object && ForwardNp(after, endWord) is { } listener)
                        {
                            after = listener.Last + 1;
                        }

                        return (TrailingAdjunct(after, endWord), k, named);
                    }
                }
            }

            for (var k = i + 1; k <= Math.Min(endWord, i + _o.MaxSpeakerWords + 2); k++)
            {
                if (!W[k].IsWord && Text(k) is not ("," or "(" or ")") && !AbbreviationDot(k))
                {
                    break;
                }

                var learned = false;
                if (!IsCue(k, out var ck) && char.IsLower(_text[W[k].Start]) && LearnedCue(k))
                {
                    // “...,” Toomey fumed on Tuesday.  /  “...,” read the email.
                    (ck, learned) = (CueKind.Verb, true);
                }

                if ((learned || IsCue(k, out ck)) && ck != CueKind.According)
                {
                    if (IsComma(k - 1) && (VerbCue(k) || learned) && ck != CueKind.Object && !IsIngForm(k) && ForwardNp(k + 1, endWord) is { } inverted)
                    {
                        // “We're happy” about it, said X. (Not after "told": the phrase after it is the listener.)
                        return (true, k, inverted);
                    }

                    var np = BackwardNp(k - 1, i, out _);
                    if ((np is null || np.Value.First > i + 2) && k - i <= 6 && W[i].IsWord && !_lex.StopNp.Contains(Lower(i)))
                    {
                        // “...,” the pitch on Kickstarter says.
                        var noPunct = true;
                        for (var x = i; x < k; x++)
                        {
                            noPunct &= W[x].IsWord;
                        }

                        if (noPunct)
                        {
                            np = ForwardNp(i, k - 1);
                        }
                    }

                    if (np is not null && (np.Value.First == i || (IsComma(i + 1) && np.Value.First <= i + 2) || SkippedTo(i, np.Value.First)))
                    {
                        var after = k + 1;
                        if (ck == CueKind.Object && ForwardNp(after, endWord) is { } listener)
                        {
                            after = listener.Last + 1;
                        }

                        return (TrailingAdjunct(after, endWord), k, np);
                    }

                    break;
                }
            }

            return (false, -1, null);
        }

        /// <summary>
        /// The speaker of a quote introduced by a colon, in its sentence ("She went on: “...”") or at the end of the
        /// previous paragraph when the quote opens its own: the noun phrase of a cue in the frame, else its subject.
        /// </summary>
        private (int Cue, Np Speaker)? ColonFrame(int qs, int ss)
        {
            var q = _t.WordAt(qs);
            if (q == 0 || Text(q - 1) != ":")
            {
                return null;
            }

            var colon = q - 1;
            var frameStart = _t.Sentences[_t.SentenceOf(W[colon].Start)].Start;
            if (W[colon].Start < ss)
            {
                // The colon ends the previous paragraph: the quote must open its own.
                if (_t.ParagraphOf(qs) != _t.ParagraphOf(W[colon].Start) + 1 || _t.Paragraphs[_t.ParagraphOf(qs)].Start != qs)
                {
                    return null;
                }
            }

            var first = _t.WordAt(frameStart);
            if (colon - first < 1 || InQuote(W[colon].Start))
            {
                return null;
            }

            if (colon - first <= 3 && Enumerable.Range(first, colon - first).All(k => IsNameWord(k) && !_lex.LabelWords.Contains(Lower(k)))
                && (_t.Paragraphs[_t.ParagraphOf(W[first].Start)].Start == W[first].Start || (first > 0 && !W[first - 1].IsWord && QuoteMarks.IsQuoteChar(_text[W[first - 1].Start]))))
            {
                // Clinton: “Our goal is ...”  /  ... ISIS.” Bush: “The mission is ...”
                return (-1, WithMention(first, colon - 1));
            }

            if (DigestCredit(colon, first) is { } credited)
            {
                return (-1, credited);
            }

            // "When Trump suggested ..., Rubio fired back:": a cue in an opening subordinate clause is not the frame's.
            var opener = SubjectStart(first, colon);
            var openerEnd = first;
            if (opener < colon && _lex.ClauseOpeners.Contains(Lower(opener)))
            {
                openerEnd = opener + 1;
                while (openerEnd < colon && !IsComma(openerEnd))
                {
                    openerEnd++;
                }
            }

            for (var k = colon - 1; k >= openerEnd; k--)
            {
                if (InQuote(W[k].Start))
                {
                    return null;
                }

                var listed = IsCue(k, out var kind) && kind != CueKind.According;
                if (listed || (char.IsLower(_text[W[k].Start]) && LearnedCue(k)))
                {
                    var np = IsParticiple(k) && k > first && IsComma(k - 1) ? SubjectNp(first, k) : CueSubject(k, first);
                    // "… with a simple message: “…”", "saying in a Trumpian post on Twitter: “…”": a learned cue word near the
                    // colon after a determiner and modifiers is the noun naming the words, not a verb with a speaker.
                    if (np is { } named && !listed && colon - k <= 3 && !IsNameWord(named.Last) && !_lex.Pronouns.Contains(Text(named.Last))
                        && _lex.Determiners.Contains(Lower(named.First)) && named.Last == k - 1)
                    {
                        continue;
                    }

                    if (np is { } found && (listed || NounPhrase(found)))
                    {
                        return (k, found);
                    }
                }
            }

            // No cue: the subject, when it is a pronoun or a name ("Frank quotes ...:", "He then listed ...:").
            var i = SubjectStart(first, colon);

            if (i >= colon)
            {
                return null;
            }

            if (_lex.Pronouns.Contains(Text(i)) && Lower(i) is not ("it" or "this" or "that"))
            {
                return (-1, new Np(i, i, i, i));
            }

            var e = i;
            if (_lex.Determiners.Contains(Lower(e)) && e + 1 < colon)
            {
                e++;
            }

            if (IsNameWord(e) && !(e == i && IsOpener(i)))
            {
                while (e + 1 < colon && IsNameWord(e + 1) && e - i < _o.MaxSpeakerWords)
                {
                    e++;
                }

                // "Mitch McConnell, R-Ky., delivered a blunt message:", "O'Malley, who signed ..., interjected:"
                return e + 1 < colon && (W[e + 1].IsWord || IsComma(e + 1)) ? (-1, WithMention(i, e)) : null;
            }

            // Any subject of a clause before the colon: "A footnote in the report makes that clear:", "As John Cornyn put it:".
            if (SubjectNp(first, colon) is { } subject && subject.Last + 1 < colon && W[subject.Last + 1].IsWord && !_lex.LabelWords.Contains(Lower(subject.MentionLast))
                && !(subject.First == subject.Last && Lower(subject.First) is "it" or "this" or "that" or "there" or "here"))
            {
                return (-1, subject);
            }

            return null;
        }

        /// <summary>
        /// A digest line crediting its excerpt: the name between a dash and the colon before the quote ("Pollsters agree -
        /// Carl Bialik: “...”", "IOWA POLLS NOT WRONG - Mark Blumenthal and Jon Cohen: “...”", "... -More from Jones: “...”").
        /// </summary>
        private Np? DigestCredit(int colon, int first)
        {
            var d = colon - 1;
            while (d > first && d > colon - 8 && ((IsNameWord(d) && !_lex.LabelWords.Contains(Lower(d))) || (Lower(d) == "and" && IsNameWord(d - 1) && IsNameWord(d + 1)) || AbbreviationDot(d)))
            {
                d--;
            }

            var from = d + 1;
            if (d - 1 > first && Lower(d) == "from" && Lower(d - 1) == "more")
            {
                // "-More from Blumenthal and Cohen:"
                d -= 2;
            }

            if (from >= colon || d <= first || Text(d) is not ("-" or "—" or "–") || !IsNameWord(from))
            {
                return null;
            }

            // Two names joined by "and" are one credit: the mention is both.
            return Enumerable.Range(from, colon - from).Any(k => Lower(k) == "and") ? new Np(from, colon - 1, from, colon - 1) : WithMention(from, colon - 1);
        }

        /// <summary>True when a phrase looks like a noun phrase: a name or pronoun at its end, or a determiner in front ("went", "also played" are not).</summary>
        private bool NounPhrase(Np np) =>
            IsNameWord(np.Last) || _lex.Pronouns.Contains(Text(np.Last)) || (np.Last > np.First && _lex.Determiners.Contains(Lower(np.First)))
            || (np.Last > np.First && IsNameWord(np.First) && PeopleNoun(np.Last));

        /// <summary>A plural noun for people that heads a subject ("Opposition lawmakers", "FBI officials").</summary>
        private bool PeopleNoun(int i) => _lex.PeopleNouns.Contains(Lower(i)) || _lex.AffiliatedSpeakers.Contains(Lower(i));

        /// <summary>
        /// The speaker of a headline in the news-site form "NAME: words ‘quote’": a paragraph opening with up to five
        /// capitalised words and a colon, with no sentence end between the colon and the quote.
        /// </summary>
        private Np? HeadlineSpeaker(int paragraph, int qs)
        {
            var (ps, pe) = _t.Paragraphs[paragraph];
            var first = _t.WordAt(ps);
            for (var k = first; k < W.Count && W[k].Start < qs && k <= first + 6; k++)
            {
                if (W[k].IsWord)
                {
                    if (!IsNameWord(k) || _lex.LabelWords.Contains(Lower(k)))
                    {
                        return null;
                    }

                    continue;
                }

                if (Text(k) == ":")
                {
                    if (k == first || _text.AsSpan(W[k].End, qs - W[k].End).IndexOfAny(".!?") >= 0 || pe - ps > 200)
                    {
                        return null;
                    }

                    return WithMention(first, k - 1);
                }

                if (!AbbreviationDot(k) && Text(k) is not ("'" or "’" or "-"))
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>A name phrase from word <paramref name="i"/> up to a comma ("Benjamin J. Rhodes,"), abbreviation dots included.</summary>
        private Np? NameBeforeComma(int i, int endWord)
        {
            var n = 0;
            for (var k = i; k <= endWord && n <= _o.MaxSpeakerWords; k++)
            {
                if (IsComma(k))
                {
                    return k > i ? WithMention(i, k - 1) : null;
                }

                if (W[k].IsWord)
                {
                    if (!IsNameWord(k) && !_lex.Determiners.Contains(Lower(k)) && Lower(k) is not ("of" or "de" or "van" or "von" or "dos" or "da" or "al"))
                    {
                        return null;
                    }

                    n++;
                }
                else if (!AbbreviationDot(k) && Text(k) is not ("-" or "'" or "’"))
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>A period after an abbreviation or an initial ("Sen.", "J."), not a sentence end.</summary>
        private bool AbbreviationDot(int k) =>
            k > 0 && Text(k) == "." && W[k - 1].IsWord && W[k].Start == W[k - 1].End
            && (_lex.Abbreviations.Contains(Lower(k - 1)) || (W[k - 1].End - W[k - 1].Start <= 2 && char.IsUpper(_text[W[k - 1].Start])));

        private bool LearnedCue(int k) => _model.IsCandidate(_t, k) && !NotSpeechRun(k, k) && !Forecast(k, k) && ScoresAsCue(k);

        /// <summary>Whether the learned cue model scores a candidate word above the threshold.</summary>
        private bool ScoresAsCue(int k) => _model.Score(_t, k, _lex) > _o.LearnedCueThreshold;

        /// <summary>
        /// Whether a run of learned cue words holds "be" (up to two [be-adverbs] after it) + a forecast word + a
        /// to-infinitive that is no cue verb ("is expected to visit", "was due to arrive"; Data/lexicon.txt
        /// [forecast-words]) or + any word but "to" and "that" ("is expected by the end of the year"): what is forecast
        /// about the subject, not its words. "is expected to say" (a listed or learned cue verb after "to") and "Analysts
        /// expected no change" (no "be") are not forecasts here.
        /// </summary>
        private bool Forecast(int first, int last)
        {
            for (var k = first; k <= last; k++)
            {
                var f = W[k].IsWord && _lex.BeForms.Contains(Lower(k)) && k + 1 < W.Count ? k + 1 : k;
                while (f > k && f + 1 < W.Count && f - k <= 2 && W[f].IsWord && _lex.BeAdverbs.Contains(Lower(f)))
                {
                    f++;
                }

                if (f > 0 && f + 1 < W.Count && W[f].IsWord && _lex.ForecastWords.Contains(Lower(f))
                    && AfterBe(f)
                    && (W[f + 1].IsWord && Lower(f + 1) == "to"
                        ? f + 2 < W.Count && W[f + 2].IsWord && !_lex.CueForms.ContainsKey(Lower(f + 2)) && !(_model.IsCandidate(_t, f + 2) && ScoresAsCue(f + 2))
                        : !(W[f + 1].IsWord && Lower(f + 1) == "that")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a form of "be" stands before word <paramref name="f"/>, with at most two [be-adverbs] between ("is also expected").</summary>
        private bool AfterBe(int f)
        {
            for (var b = f - 1; b >= 0 && b >= f - 3 && W[b].IsWord; b--)
            {
                if (_lex.BeForms.Contains(Lower(b)))
                {
                    return true;
                }

                if (!_lex.BeAdverbs.Contains(Lower(b)))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether every word of [first, last] is a word that is never a cue on its own (Data/lexicon.txt [not-cue-words]).</summary>
        private bool NotSpeechRun(int first, int last)
        {
            for (var k = first; k <= last; k++)
            {
                if (W[k].IsWord && !_lex.NotCueWords.Contains(Lower(k)))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SkippedTo(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (!W[i].IsWord)
                {
                    return false;
                }
            }

            return to - from <= 4;
        }

        /// <summary>The attribution frame before a quote: X said: “...” / X said that “...” / according to X, “...”.</summary>
        private (bool Ok, int Cue, Np? Speaker) BeforeFrame(int ss, int qs)
        {
            var first = _t.WordAt(ss);
            var q = _t.WordAt(qs);
            if (q <= first)
            {
                return (true, -1, null);
            }

            for (var k = q - 1; k >= first && k >= q - 25; k--)
            {
                // Up to twelve words back; further only for a cue that opens the sentence ("Said X, who ..., “...”").
                if ((k < q - 12 && k != first) || InQuote(W[k].Start) || !IsCue(k, out var kind))
                {
                    continue;
                }

                Np? np;
                if (kind == CueKind.According)
                {
                    np = ForwardNp(k + 2, q - 1);
                }
                else if (IsParticiple(k) && k > first && IsComma(k - 1))
                {
                    np = SubjectNp(first, k);
                }
                else
                {
                    np = CueSubject(k, first);
                    if (np is null && k > first && Lower(k - 1) == "and")
                    {
                        np = SubjectNp(first, k);
                    }

                    if (np is null && k + 1 < q && char.IsUpper(_text[W[k + 1].Start]))
                    {
                        np = ForwardNp(k + 1, q - 1);
                    }
                }

                if (np is null)
                {
                    continue;
                }

                var gap = 0;
                for (var i = k + 1; i < q; i++)
                {
                    if (W[i].IsWord)
                    {
                        gap++;
                    }
                }

                var lastBefore = q - 1;
                var lastText = Text(lastBefore);
                var ok = (kind != CueKind.According || lastText is ",")
                    && ((lastBefore == k || lastText is ":" or "," or "that") && gap <= 8 || gap <= 3);
                return (ok, k, np);
            }

            return (IsEmptyFrame(ss, qs) || Text(q - 1) == ":", -1, null);
        }

        /// <summary>True when the text between two offsets has no words (or only a colon frame).</summary>
        private bool IsEmptyFrame(int a, int b)
        {
            for (var i = _t.WordAt(a); i < W.Count && W[i].Start < b; i++)
            {
                if (W[i].IsWord)
                {
                    return false;
                }
            }

            return true;
        }

        private int NextQuoteStart(int pos)
        {
            foreach (var s in _spans)
            {
                if (s.Start >= pos)
                {
                    return s.Start;
                }
            }

            return int.MaxValue;
        }

        /// <summary>The end of the quoted span containing <paramref name="pos"/> (or starting right before it), else null.</summary>
        private int? QuoteEndAt(int pos)
        {
            foreach (var s in _spans)
            {
                if (s.Start > pos)
                {
                    return null;
                }

                if (pos < s.End)
                {
                    return s.End;
                }
            }

            return null;
        }

        private bool InQuote(int pos)
        {
            foreach (var s in _spans)
            {
                if (s.Start > pos)
                {
                    return false;
                }

                if (pos < s.End)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsCue(int i, out CueKind kind)
        {
            kind = default;
            var w = W[i];
            if (!w.IsWord || !char.IsLower(_text[w.Start]) && !(i > 0 && !W[i - 1].IsWord && Text(i - 1) is "." or "\"" or "“"))
            {
                if (!(w.IsWord && _text.AsSpan(w.Start, w.End - w.Start) is "According"))
                {
                    return false;
                }
            }

            var key = _text.AsSpan(w.Start, w.End - w.Start);
            if (!_lex.CueForms.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out kind))
            {
                return false;
            }

            if (i > 0 && W[i - 1].IsWord && (_lex.NounMarkers.Contains(Lower(i - 1))
                || (IsPossessive(Text(i - 1)) && char.IsUpper(_text[W[i - 1].Start]))))
            {
                // "the note says", "his claims": after an article or a possessive the word is a noun.
                return false;
            }

            if (IsCompoundNounHead(i))
            {
                // "The inspection report, published last year, rated …": a bare verb form cannot follow a singular
                // subject, so after "the" and a singular noun it is the head of a compound noun.
                return false;
            }

            if (kind == CueKind.According)
            {
                return i + 1 < W.Count && Lower(i + 1) == "to";
            }

            return true;
        }

        /// <summary>A bare cue form after an article and a singular noun ("the inspection report"): a noun, not a verb.</summary>
        /// Right before a quote mark the word stays a cue (it frames the quote: "the crowds chant “…”").
        private bool IsCompoundNounHead(int i) =>
            i > 1 && W[i - 1].IsWord && W[i - 2].IsWord && _lex.NounMarkers.Contains(Lower(i - 2)) && _lex.CueBaseForms.Contains(Lower(i)) && IsSingularNoun(i - 1)
            && !(i + 1 < W.Count && !W[i + 1].IsWord && QuoteMarks.IsQuoteChar(_text[W[i + 1].Start]));

        /// <summary>A lowercase word that reads as a singular noun: no plural "s", no adverb "-ly", no listed collective noun ("police") or word of the lexicon's lists.</summary>
        private bool IsSingularNoun(int i)
        {
            var l = Lower(i);
            return l.Length > 2 && char.IsLower(_text[W[i].Start]) && !l.EndsWith('s') && !l.EndsWith("ly", StringComparison.Ordinal)
                && !_lex.CollectiveNouns.Contains(l) && !_lex.SkipBeforeCue.Contains(l) && !_lex.CueForms.ContainsKey(l) && !_lex.Pronouns.Contains(l)
                && !_lex.Determiners.Contains(l) && !_lex.StopNp.Contains(l);
        }

        /// <summary>Cues that can be inverted after a quote ("..., said X").</summary>
        private bool VerbCue(int i) => Lower(i) is "said" or "says" or "added" or "adds" or "asked" or "wrote" or "noted" or "told" or "explained" or "continued" or "warned" or "replied" or "recalled" or "insisted" or "tweeted" or "declared";

        private bool IsParticiple(int i) =>
            Participles.Contains(Lower(i)) || (IsIngForm(i) && char.IsLower(_text[W[i].Start]) && IsCue(i, out _));

        /// <summary>A word of six letters or more ending in "ing" ("calling", "telling"): a participle when it follows a comma.</summary>
        private bool IsIngForm(int i) => Lower(i).Length > 5 && Lower(i).EndsWith("ing", StringComparison.Ordinal);

        private int CueEndWord(int cue) => IsCue(cue, out var k) && k == CueKind.According ? cue + 1 : cue;

        private bool IsComma(int i) => i >= 0 && i < W.Count && !W[i].IsWord && _text[W[i].Start] == ',';

        /// <summary>The comma ending a clause right before word <paramref name="i"/>: "...," or "...,”" (comma inside the closing quote).</summary>
        private int ClauseComma(int i)
        {
            if (IsComma(i - 1))
            {
                return i - 1;
            }

            if (i - 2 >= 0 && !W[i - 1].IsWord && QuoteMarks.IsQuoteChar(_text[W[i - 1].Start]) && IsComma(i - 2))
            {
                return i - 2;
            }

            return -1;
        }

        private string Text(int i) => _t.WordText(i);

        private string Lower(int i) => _t.WordLower(i);

        private int CountWords(int a, int b)
        {
            var n = 0;
            for (var i = _t.WordAt(a); i < W.Count && W[i].Start < b; i++)
            {
                if (W[i].IsWord)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The first word of a sentence's subject: past leading punctuation and adverbial openers ("Then, ...").</summary>
        private int SubjectStart(int first, int before)
        {
            var i = first;
            while (i < before && !W[i].IsWord)
            {
                i++;
            }

            while (i + 1 < before && _lex.AdverbialOpeners.Contains(Text(i)))
            {
                i++;
                while (i < before && !W[i].IsWord)
                {
                    i++;
                }
            }

            return i;
        }

        /// <summary>The subject at the start of a sentence, for participial cues ("X pledged support, saying ...").</summary>
        private Np? SubjectNp(int first, int before) => NearerPronoun(MainSubject(first, before), before);

        /// <summary>
        /// A personal pronoun opening a later clause of the sentence ("Christie ... acknowledged some plagiarism even as
        /// he defended the campaign, saying ...") is the nearer subject of what follows; PolNeAR marks that mention.
        /// </summary>
        private Np? NearerPronoun(Np? subject, int before)
        {
            if (subject is not { } s)
            {
                return null;
            }

            for (var k = before - 1; k > s.Last + 1; k--)
            {
                if (W[k].IsWord && Lower(k) is "he" or "she" or "they" && W[k - 1].IsWord && _lex.ClauseLinks.Contains(Lower(k - 1)))
                {
                    return new Np(k, k, k, k);
                }
            }

            return subject;
        }

        private Np? MainSubject(int first, int before)
        {
            var i = PastDateline(SubjectStart(first, before), before);

            // “...,” Trump told a rally, saying ...: the subject comes after a quote that opens the sentence.
            if (i < before && QuoteEndAt(W[i].Start) is { } qe && qe > W[i].Start)
            {
                i = _t.WordAt(qe);
                while (i < before && (!W[i].IsWord || InQuote(W[i].Start)))
                {
                    i++;
                }
            }

            // "In a statement, X ...", "Asked about it, X ...", "Here in Columbia, X ...", "Hours later, X ...": past the opening phrases.
            for (var n = 0; n < 3 && i < before && IsOpener(i); n++)
            {
                var k = i + 1;
                while (k < before && k < i + 20 && !IsComma(k))
                {
                    k++;
                }

                if (k >= before || !IsComma(k))
                {
                    return null;
                }

                i = k + 1;
                while (i < before && !W[i].IsWord)
                {
                    i++;
                }
            }

            if (i >= before)
            {
                return null;
            }

            if (_lex.Pronouns.Contains(Text(i)))
            {
                return new Np(i, i, i, i);
            }

            // "Ruiz returned the compliment, telling ...": a name ends the subject before the verb that follows it.
            if (ForwardNp(i, before - 1) is not { } np || (np.First == np.Last && (_lex.AdverbialOpeners.Contains(Lower(np.First)) || Lower(np.First) is "then" or "that's" or "that’s" or "here" or "there" or "now")))
            {
                return null;
            }

            var e = np.First;
            while (e < np.Last && !IsNameWord(e))
            {
                e++;
            }

            while (e < np.Last && IsNameWord(e + 1))
            {
                e++;
            }

            // "Opposition lawmakers in Lorrin have called …": a noun for people after the name is the subject's head.
            if (IsNameWord(e) && e < np.Last && !IsPossessive(Lower(e)) && PeopleNoun(e + 1))
            {
                return e + 1 < np.Last ? WithMention(np.First, e + 1) : np;
            }

            return IsNameWord(e) && e < np.Last && char.IsLower(_text[W[e + 1].Start]) && !IsPossessive(Lower(e))
                ? WithMention(np.First, e) : np;
        }

        /// <summary>A word opening an introductory phrase that ends at a comma before the subject.</summary>
        private bool IsOpener(int i) =>
            (Prepositions.Contains(Lower(i)) && !(Lower(i) == "as" && i + 1 < W.Count && IsNameWord(i + 1))) || TimePhrase(i) || _lex.ClauseOpeners.Contains(Lower(i)) || _lex.TimeWords.Contains(Text(i)) || _lex.AdverbialOpeners.Contains(Text(i))
            || (Lower(i).EndsWith("ly", StringComparison.Ordinal) && Lower(i).Length > 4) || (i + 1 < W.Count && W[i + 1].IsWord && _lex.TimeWords.Contains(Text(i + 1)) && Lower(i + 1) is "later" or "earlier")
            || ParticipleOpener(i);

        /// <summary>
        /// An "-ing" participle opening a phrase before the subject ("Reprising one of her lines, the former secretary …",
        /// "Continuing to explain his view, Carson …"): the next word is lowercase and no verb (not "Manning said", "Fleming has").
        /// </summary>
        private bool ParticipleOpener(int i)
        {
            if (!IsIngForm(i) || i + 1 >= W.Count || !W[i + 1].IsWord || !char.IsLower(_text[W[i + 1].Start]) || _lex.CueForms.ContainsKey(Lower(i + 1))
                || Lower(i + 1).EndsWith("ed", StringComparison.Ordinal) || Lower(i + 1).EndsWith('s'))
            {
                return false;
            }

            // The phrase ends at a comma and holds no finite verb ("Trying to create a bank that is … is the challenge, …" is a gerund subject).
            for (var k = i + 1; k < W.Count && k <= i + 15; k++)
            {
                if (IsComma(k))
                {
                    return true;
                }

                if (!W[k].IsWord || _lex.SpeechVerbs.Contains(Lower(k)))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>A short phrase naming a time up to a comma: "The next day,", "That night,", "Two weeks ago,".</summary>
        private bool TimePhrase(int i)
        {
            for (var k = i; k < W.Count && k <= i + 4 && W[k].IsWord; k++)
            {
                if (_lex.TimeNouns.Contains(Lower(k)))
                {
                    return IsComma(k + 1) || (k + 1 < W.Count && Lower(k + 1) is "ago" or "later" or "earlier" && IsComma(k + 2)) || AfterEventPhrase(k + 1);
                }
            }

            return false;
        }

        /// <summary>"after the flood," of "A day after the flood, residents …": "after" or "before" and words up to a comma (as the opener it ends), with no quote mark.</summary>
        private bool AfterEventPhrase(int i)
        {
            if (i >= W.Count || Lower(i) is not ("after" or "before"))
            {
                return false;
            }

            for (var k = i + 1; k < W.Count && k < i + 20; k++)
            {
                if (IsComma(k))
                {
                    return k > i + 1;
                }

                if (!W[k].IsWord && (QuoteMarks.IsQuoteChar(_text[W[k].Start]) || Text(k) is "." or ";" or ":" or "?" or "!"))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Past a dateline at the start of a paragraph ("WASHINGTON, Dec. 8 (UPI) — ..."): capitals, then a dash within a few words.</summary>
        private int PastDateline(int i, int before)
        {
            if (i >= before || _t.Paragraphs[_t.ParagraphOf(W[i].Start)].Start != W[i].Start || !AllCaps(i))
            {
                return i;
            }

            for (var k = i + 1; k < before && k <= i + 12; k++)
            {
                if (!W[k].IsWord && Text(k) is "—" or "–" or "-" && k + 1 < before)
                {
                    return k + 1;
                }
            }

            return i;
        }

        private bool AllCaps(int i)
        {
            var span = _text.AsSpan(W[i].Start, W[i].End - W[i].Start);
            if (span.Length < 2)
            {
                return false;
            }

            foreach (var c in span)
            {
                if (char.IsLower(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The speaker before cue <paramref name="k"/>: the noun phrase before it, past "went on to" / "continued to"
        /// ("He went on to say ..."), and past a document its subject issued ("she released a statement saying ...").
        /// </summary>
        private Np? CueSubject(int k, int first)
        {
            var to = GoesOnTo(k);
            var np = BackwardNp((to > 0 ? to : k) - 1, first, out _);
            if (np is { } n && Participles.Contains(Lower(k)) && n.Last == k - 1 && _lex.DocumentWords.Contains(Lower(n.Last)) && n.First - 2 >= first
                && W[n.First - 1].IsWord && char.IsLower(_text[W[n.First - 1].Start]) && !_lex.StopNp.Contains(Lower(n.First - 1))
                && BackwardNp(n.First - 2, first, out _) is { } subject && NounPhrase(subject))
            {
                return subject;
            }

            // "Clinton responded to the question on Facebook writing, ...": the phrase after a preposition is where, not who.
            if (np is { } p && Participles.Contains(Lower(k)) && p.Last == k - 1 && p.First - 1 >= first && Prepositions.Contains(Lower(p.First - 1))
                && SubjectNp(first, k) is { } sub && sub.Last < p.First - 1 && SpeakerLike(sub.MentionLast))
            {
                return sub;
            }

            return np;
        }

        /// <summary>The first word of "went on to" / "continued to" before cue <paramref name="k"/>, else -1.</summary>
        private int GoesOnTo(int k)
        {
            if (k < 3 || Lower(k - 1) != "to")
            {
                return -1;
            }

            if (Lower(k - 2) is "continued" or "continues" or "proceeded" or "went")
            {
                return k - 2;
            }

            return Lower(k - 2) == "on" && Lower(k - 3) is "went" or "goes" or "go" ? k - 3 : -1;
        }

        /// <summary>Speaker noun phrase ending at word <paramref name="end"/> (skipping "also", "has", "was quoted as" ...).</summary>
        private Np? BackwardNp(int end, int first, out bool clean)
        {
            clean = true;
            var e = end;

            // "X was quoted by Russian media as saying": the speaker is X.
            if (e >= first && Lower(e) == "as")
            {
                for (var q = e - 1; q >= first && q >= e - 8; q--)
                {
                    if (Lower(q) == "quoted")
                    {
                        e = q;
                        break;
                    }
                }
            }

            // "Lisa M. Madigan (D) asserted", "Sen. Ted Cruz (R-Tex.) said", "Gov. John Kasich (R-OH), said": the party label is not the phrase's end.
            if (e > first + 1 && IsComma(e) && Text(e - 1) == ")")
            {
                e--;
            }

            if (e > first && Text(e) == ")")
            {
                var open = e - 1;
                while (open > first && open > e - 8 && Text(open) != "(")
                {
                    open--;
                }

                if (Text(open) == "(")
                {
                    e = open - 1;
                }
            }

            while (e >= first && W[e].IsWord && ((_lex.SkipBeforeCue.Contains(Text(e)) && !char.IsUpper(_text[W[e].Start])) || _lex.TimeWords.Contains(Text(e))
                || (Lower(e) is "on" or "in" && e + 1 <= end && _lex.TimeWords.Contains(Text(e + 1)))
                || (_lex.TimeNouns.Contains(Lower(e)) && e - 1 >= first && _lex.TimeWords.Contains(Text(e - 1)))))
            {
                e--;
            }

            // "An inspection in April 2024 found": a date after "in" or "on" is an adjunct of the phrase, not its head.
            if (e - 1 >= first && W[e].IsWord && DateAdjunctStart(e, first) is var dateStart and >= 0)
            {
                e = dateStart - 1;
            }

            if (e < first)
            {
                return null;
            }

            // Apposition: "Jeon Ha Gyu, spokesperson of the Defense Ministry, said" -> the phrase before the first comma.
            if (IsComma(e))
            {
                var c = e - 1;
                while (c >= first && c > e - 20 && !IsComma(c) && (W[c].IsWord || Text(c) is "-" or "'" or "’" or "(" or ")"))
                {
                    c--;
                }

                if (c < first || !IsComma(c))
                {
                    // "Trump, who previously questioned whether ..., said", "Mrs. Clinton, in response to ..., accused": a relative
                    // clause or a prepositional phrase may be long and hold commas.
                    c = e - 1;
                    while (c > first && c > e - 45 && !(IsComma(c) && (Lower(c + 1) is "who" or "whose" || Prepositions.Contains(Lower(c + 1)))))
                    {
                        c--;
                    }

                    if (c <= first || !IsComma(c) || !IsNameWord(c - 1))
                    {
                        return null;
                    }
                }

                clean = false;
                var appositionLast = e - 1;
                var named = IsNamedApposition(c + 1, appositionLast);
                e = c - 1;
                if (e < first)
                {
                    return null;
                }

                // "The regional governor, Sera Vel-Amon, said", "Its director, Ilan Dzhavo, told": a role with the
                // name in apposition; the name is the mention.
                if (named && W[e].IsWord && !IsNameWord(e) && !_lex.Pronouns.Contains(Text(e)) && BackwardNp(e, first, out _) is { } role
                    && role.First < e && _lex.Determiners.Contains(Lower(role.First)))
                {
                    return new Np(role.First, appositionLast, c + 1, appositionLast);
                }
            }

            if (!W[e].IsWord)
            {
                return null;
            }

            if (_lex.Pronouns.Contains(Text(e)))
            {
                return new Np(e, e, e, e);
            }

            var s = e;
            var n = 0;
            while (s >= first && n < _o.MaxSpeakerWords && W[s].IsWord)
            {
                var lw = Lower(s);
                var cap = char.IsUpper(_text[W[s].Start]);
                if (lw == "and" && s - 1 >= first && s + 1 <= e && IsNameWord(s - 1) && IsNameWord(s + 1))
                {
                    n++;
                    s--;
                    continue;
                }

                if ((_lex.StopNp.Contains(lw) && !(cap && s != first && lw is not ("that" or "and" or "but" or "as" or "if" or "when" or "while" or "after" or "before" or "in" or "on" or "at")))
                    || (s != end && _lex.CueForms.ContainsKey(lw) && !cap && !IsCompoundNounHead(s)) || _lex.Pronouns.Contains(lw)
                    || (s == first && s < e && _lex.ClauseOpeners.Contains(lw)))
                {
                    // "Although Weiner admitted …": a word opening the sentence's first clause is not part of the name.
                    break;
                }

                n++;
                if (_lex.Determiners.Contains(lw))
                {
                    s--;
                    break;
                }

                s--;
            }

            var npFirst = s + 1;
            if (npFirst > e)
            {
                return null;
            }

            // "Moon Seong Mook of the Korea Research Institute": an institution after "of" qualifies the name before it.
            if (npFirst - 2 >= first && Lower(npFirst - 1) is "of" && IsNameWord(npFirst) && IsNameWord(npFirst - 2))
            {
                var head = BackwardNp(npFirst - 2, first, out _);
                if (head is { } h && IsNameWord(h.Last))
                {
                    return new Np(h.First, e, h.MentionFirst, h.MentionLast);
                }
            }

            if (npFirst - 2 >= first && Lower(npFirst) is "the" && Lower(npFirst - 1) is "of" && IsNameWord(npFirst - 2))
            {
                var head = BackwardNp(npFirst - 2, first, out _);
                if (head is { } h && IsNameWord(h.Last))
                {
                    return new Np(h.First, e, h.MentionFirst, h.MentionLast);
                }
            }

            // "A maintenance log seen by the Gazette shows": the agent of a participle is not the subject; the phrase before
            // the participle is.
            if (npFirst - 3 >= first && Lower(npFirst - 1) == "by" && W[npFirst - 2].IsWord && PastParticipleLike(npFirst - 2)
                && BackwardNp(npFirst - 3, first, out _) is { } agentOf && agentOf.Last == npFirst - 3)
            {
                return agentOf;
            }

            // "staff at Vessa General Hospital told", "a spokesman for the ministry said": people named by the institution
            // after "at", "for" or "from" are the speaker; the institution is the mention.
            if (npFirst - 2 >= first && Lower(npFirst - 1) is "at" or "for" or "from" && _lex.AffiliatedSpeakers.Contains(Lower(npFirst - 2)))
            {
                var head = npFirst - 2;
                while (head - 1 >= first && W[head - 1].IsWord && head > npFirst - 5 && (_lex.Determiners.Contains(Lower(head - 1)) || !char.IsUpper(_text[W[head - 1].Start]) && !_lex.StopNp.Contains(Lower(head - 1)) && !_lex.CueForms.ContainsKey(Lower(head - 1))))
                {
                    head--;
                    if (_lex.Determiners.Contains(Lower(head)))
                    {
                        break;
                    }
                }

                var institution = WithMention(npFirst, e);
                return new Np(head, e, institution.MentionFirst, institution.MentionLast);
            }

            // A noun phrase needs a head: a name or a noun, not a lone adjective, adverb or sentence opener ("Then", "That's").
            if (npFirst == e && (_lex.Determiners.Contains(Lower(e)) || _lex.AdverbialOpeners.Contains(Lower(e))
                || Lower(e) is "then" or "that's" or "that’s" or "here" or "there" or "now" or "so"))
            {
                return null;
            }

            if (Lower(e).EndsWith("ly", StringComparison.Ordinal) && !char.IsUpper(_text[W[e].Start]))
            {
                return null;
            }

            return WithMention(npFirst, e);
        }

        /// <summary>
        /// The first word of a date adjunct ending at <paramref name="e"/> ("in April 2024", "in 2019", "on March 3"), or -1:
        /// "in"/"on", then a capitalised month with a day or year, or a year alone.
        /// </summary>
        private int DateAdjunctStart(int e, int first)
        {
            static bool Year(string w) => w.Length == 4 && w.All(char.IsAsciiDigit) && w[0] is '1' or '2';
            static bool Day(string w) => w.Length is 1 or 2 && w.All(char.IsAsciiDigit);
            var k = e;
            if (Year(Text(k)) || Day(Text(k)))
            {
                k--;
                if (k >= first && IsComma(k))
                {
                    k--;
                }

                if (k >= first && Day(Text(k)))
                {
                    k--;
                }
            }

            if (k >= first && W[k].IsWord && _lex.Months.Contains(Lower(k)) && char.IsUpper(_text[W[k].Start]))
            {
                k--;
            }
            else if (k == e || !(k + 1 <= e && Year(Text(k + 1))))
            {
                return -1;
            }

            return k >= first && Lower(k) is "in" or "on" ? k : -1;
        }

        /// <summary>A lowercase word that reads as a past participle ("seen", "obtained", "published", "drawn").</summary>
        private bool PastParticipleLike(int i) =>
            !char.IsUpper(_text[W[i].Start]) && Lower(i).Length > 3 && (Lower(i).EndsWith("ed", StringComparison.Ordinal) || Lower(i).EndsWith("en", StringComparison.Ordinal) || Lower(i).EndsWith("wn", StringComparison.Ordinal));

        /// <summary>
        /// True when the words before <paramref name="comma"/> are a name and its apposition ("Professor Ida Rhee, a dam
        /// engineer at the university, said …"): the speaker of the cue after the comma, not a clause it reports.
        /// </summary>
        private bool NameWithApposition(int first, int comma)
        {
            var p = first;
            while (p < comma && (IsNameWord(p) || (!W[p].IsWord && Text(p) is "-" or "." or "'" or "’")))
            {
                p++;
            }

            if (p == first || p - first > 6 || !IsComma(p) || p + 1 >= comma || Lower(p + 1) is not ("a" or "an" or "the"))
            {
                return false;
            }

            for (var k = p + 1; k < comma; k++)
            {
                if (!W[k].IsWord)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when words <paramref name="from"/>..<paramref name="to"/> are a person's name alone (one to four capitalised words, hyphens and apostrophes inside, no organisation word).</summary>
        private bool IsNamedApposition(int from, int to)
        {
            if (from > to || to - from > 6 || !IsNameWord(from) || !IsNameWord(to))
            {
                return false;
            }

            for (var i = from; i <= to; i++)
            {
                if (W[i].IsWord ? !IsNameWord(i) || _lex.OrgWords.Contains(Bare(i)) || _lex.Titles.Contains(Lower(i)) : Text(i) is not ("-" or "'" or "’" or "."))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Speaker noun phrase starting at word <paramref name="start"/> ("said Kremlin spokesman Dmitry Peskov, ...").</summary>
        private Np? ForwardNp(int start, int last)
        {
            var s = start;
            if (s > last || s >= W.Count || !W[s].IsWord)
            {
                return null;
            }

            if (_lex.Pronouns.Contains(Text(s)) || Lower(s) is "him" or "her" or "them" or "us" or "me")
            {
                return new Np(s, s, s, s);
            }

            if (_lex.TimeWords.Contains(Text(s)))
            {
                // "tweeted Sunday after ...": a day is not a speaker.
                return null;
            }

            var e = s;
            var n = 0;
            while (e <= last && n < _o.MaxSpeakerWords && (W[e].IsWord || (e > s && QuoteMarks.IsQuoteChar(_text[W[e].Start]) && e + 1 <= last && W[e + 1].IsWord)))
            {
                if (!W[e].IsWord)
                {
                    e++;
                    continue;
                }

                var lw = Lower(e);
                if ((_lex.StopNp.Contains(lw) && !char.IsUpper(_text[W[e].Start])) || (e > s && (lw is "that" or "who" or "on" or "in")))
                {
                    break;
                }

                // "said the golf industry had …": a finite auxiliary after the phrase starts a clause, not more of the speaker.
                if (e > s && (_lex.Determiners.Contains(lw) || (_lex.CueForms.ContainsKey(lw) && char.IsLower(_text[W[e].Start]) && !IsCompoundNounHead(e))
                    || (_lex.SpeechVerbs.Contains(lw) && char.IsLower(_text[W[e].Start]))))
                {
                    break;
                }

                n++;
                e++;
            }

            e--;
            if (e < s || (e == s && _lex.Determiners.Contains(Lower(s))))
            {
                return null;
            }

            // A following "of the X" belongs to titles only; a name ends the phrase.
            return WithMention(s, e);
        }

        private Np WithMention(int first, int last)
        {
            var k = last;
            while (k >= first && IsNameWord(k))
            {
                k--;
            }

            var chunkFirst = k + 1;
            if (chunkFirst > last)
            {
                return new Np(first, last, first, last);
            }

            // "On Monday Tomas Ruiz insisted": a day before the name is not part of the mention.
            while (chunkFirst < last && _lex.TimeWords.Contains(Text(chunkFirst)))
            {
                chunkFirst++;
            }

            var onlyDeterminers = chunkFirst > first;
            for (var i = first; i < chunkFirst; i++)
            {
                onlyDeterminers &= _lex.Determiners.Contains(Lower(i));
            }

            if (onlyDeterminers)
            {
                // "The Post", "the Kremlin": the article belongs to the mention.
                return new Np(first, last, first, last);
            }

            // A person's name: titles, roles and modifiers in front are the role, not the mention.
            var m = chunkFirst;
            var isOrg = false;
            for (var i = chunkFirst; i <= last; i++)
            {
                isOrg |= _lex.OrgWords.Contains(Bare(i));
            }

            if (!isOrg)
            {
                while (m < last && (_lex.Titles.Contains(Lower(m)) || _lex.NameModifiers.Contains(Lower(m)) || Bare(m) != Lower(m)))
                {
                    m++;
                }
            }

            return m > first ? new Np(first, last, m, last) : new Np(first, last, first, last);
        }

        /// <summary>The lower-case word without a possessive ending.</summary>
        private string Bare(int i)
        {
            var l = Lower(i);
            return IsPossessive(l) ? l[..^2] : l;
        }

        private bool IsNameWord(int i) => W[i].IsWord && char.IsUpper(_text[W[i].Start]) && !_lex.Determiners.Contains(Lower(i));

        // ---------------------------------------------------------------- resolution

        private readonly List<(string Name, bool Person, int Paragraph)> _history = [];

        /// <summary>Persons referred to as "he" ('m') or "she" ('f') so far: a pronoun of the other gender is not them.</summary>
        private readonly Dictionary<string, char> _genders = new(StringComparer.Ordinal);
        private List<(int First, int Last)>? _chunks;

        public void Resolve(EntityLayer? entities)
        {
            // A quote dropped as a title may still be where a later quote's attribution was carried from.
            var orphans = _drafts.Where(d => d.Attribution == AttributionKind.Carried && d.CarriedFrom is { } s && !_drafts.Contains(s)).Select(d => d.CarriedFrom!).Distinct();
            foreach (var d in _drafts.Concat(orphans).OrderBy(d => d.Start).ToList())
            {
                if (d.Attribution == AttributionKind.Carried)
                {
                    continue;
                }

                if (d.Speaker is not { } np)
                {
                    continue;
                }

                // A relative "who" resolves as the phrase before it (First..Last).
                if (np.Last < np.MentionFirst)
                {
                    np = new Np(np.First, np.Last, np.First, np.Last);
                }

                var ms = W[np.MentionFirst].Start;
                var me = W[np.MentionLast].End;
                // A pronoun or a lone surname right after its speaker spoke is that speaker (the local discourse
                // beats document-wide coreference, which favours the most prominent "Kim").
                var (name, person) = np.MentionFirst == np.MentionLast ? RecentSpeaker(Text(np.MentionFirst), d.Paragraph) : (null, false);
                var gender = np.MentionFirst == np.MentionLast ? PronounGender(Lower(np.MentionFirst)) : '\0';
                if (name is null && entities is not null)
                {
                    (name, person) = FromEntities(entities, ms, me, W[np.MentionLast].Start, char.IsLower(_text[W[np.MentionLast].Start]) ? _text : null);
                    if (name is not null && gender != '\0' && OtherGender(name, gender))
                    {
                        // "she" is not the man the document-wide coreference picked.
                        (name, person) = (null, false);
                    }
                }

                if (name is null)
                {
                    (name, person) = Fallback(np, d.Paragraph);
                }

                if (!person && name is not null && np.MentionLast > np.MentionFirst && char.IsLower(_text[W[np.MentionLast].Start])
                    && PossessiveOwner(np.MentionFirst, entities) is { } owner)
                {
                    // "her office said": the office of the person "her" refers to, not an entity "office".
                    name = owner + "'s " + name;
                }

                if (char.IsLower(_text[W[np.MentionLast].Start]) && _lex.DocumentSources.Contains(Lower(np.MentionLast)))
                {
                    // "The log notes …", "the report found …": a document is the source, but no person or organisation.
                    (name, person) = (null, false);
                }

                d.Entity = name;
                d.EntityIsPerson = person;
                if (name is not null)
                {
                    _history.Add((name, person, d.Paragraph));
                    if (gender != '\0' && person)
                    {
                        _genders.TryAdd(name, gender);
                    }
                }
            }

            // Carried attributions (a quote paragraph with no cue, the first paragraphs of a multi-paragraph quote)
            // take the entity of the quote they were carried from, which may come later in the text.
            foreach (var d in _drafts)
            {
                if (d.Attribution == AttributionKind.Carried && d.CarriedFrom is { } src)
                {
                    d.Entity = src.Entity;
                    d.EntityIsPerson = src.EntityIsPerson;
                    if (entities is not null)
                    {
                        NearerMention(d, src, entities);
                    }
                }
            }
        }

        /// <summary>
        /// "… ," said Megan Greene. Greene added that … . "They don't like to talk about it …": a carried quote whose
        /// sentence follows one in its paragraph that opens with another mention of the same speaker takes that nearer
        /// mention (the writer named the speaker again; the quote's attribution is the nearest naming).
        /// </summary>
        private void NearerMention(Draft d, Draft src, EntityLayer entities)
        {
            if (d.Speaker is not null || d.Entity is not { } name || src.Speaker is not { } sp || W[sp.MentionLast].End > d.Start)
            {
                return;
            }

            var s = _t.SentenceOf(d.Start);
            if (s == 0 || _t.Sentences[s].Start < d.Start - 1 || _t.ParagraphOf(_t.Sentences[s - 1].Start) != d.Paragraph)
            {
                return;
            }

            var prev = _t.Sentences[s - 1];
            if (prev.Start <= W[sp.MentionLast].End)
            {
                return;
            }

            foreach (var m in entities.Mentions)
            {
                if (m.Start >= prev.Start && m.End <= prev.End && m.Cluster >= 0 && m.Cluster < entities.Entities.Count
                    && entities.Entities[m.Cluster].Name == name)
                {
                    (d.NearStart, d.NearEnd) = (m.Start, m.End);
                }
            }
        }

        /// <summary>
        /// The entity of the mention overlapping the speaker that contains its head (last word), else the most overlapping
        /// one. When the head is a common noun (<paramref name="text"/> given), a name that only modifies it is not the
        /// speaker: "North Korean state media", "the Veridian emergency service", "Russian and North Korean officials"; nor is a
        /// possessive owner in front of an organisation's name ("Russia's state-run TASS agency" is TASS).
        /// </summary>
        private static (string? Name, bool Person) FromEntities(EntityLayer entities, int ms, int me, int head, string? text = null)
        {
            EntityMention? best = null;
            var bestScore = -1;
            foreach (var m in entities.Mentions)
            {
                if (m.Start >= me || ms >= m.End || m.Cluster < 0 || m.Cluster >= entities.Entities.Count)
                {
                    continue;
                }

                if (text is not null && m.End <= head && entities.Entities[m.Cluster].Type != EntityType.Organization && !ModifierIsPossessive(text, m.End))
                {
                    continue;
                }

                // "Russia's state-run TASS agency": a possessive owner is not the speaker when a name of the phrase follows it.
                if (text is not null && m.End <= head && ModifierIsPossessive(text, m.End)
                    && entities.Mentions.Any(n => n != m && n.Start >= m.End && n.End <= me && n.Cluster >= 0 && n.Cluster < entities.Entities.Count
                        && n.Start < head && entities.Entities[n.Cluster].Type == EntityType.Organization))
                {
                    continue;
                }

                var score = (Math.Min(me, m.End) - Math.Max(ms, m.Start)) + (m.Start <= head && head < m.End ? 1000 : 0);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = m;
                }
            }

            if (best is null)
            {
                return (null, false);
            }

            var e = entities.Entities[best.Cluster];
            return (e.Name, e.Type == EntityType.Person);
        }

        /// <summary>Whether the name ending at <paramref name="end"/> is a possessive ("Ostrel's environment ministry").</summary>
        private static bool ModifierIsPossessive(string text, int end) =>
            end < text.Length && (text[end] is '\'' or '’' || (end >= 2 && text[end - 2] is '\'' or '’'));

        /// <summary>
        /// The person a possessive "his"/"her" opening a speaker phrase refers to: the name opening the sentence (its
        /// subject: "Anna Marek cut short …, her office said"; a lone surname as the article names it in full), else the
        /// person entity coreference gives that word, else the nearest earlier person name. Null for any other first word.
        /// </summary>
        private string? PossessiveOwner(int word, EntityLayer? entities)
        {
            var gender = Lower(word) switch { "his" => 'm', "her" => 'f', _ => '\0' };
            if (gender == '\0')
            {
                return null;
            }

            // The sentence's subject, when a name opens it ("Marek will visit Vessa on Friday, her office said").
            var first = _t.WordAt(_t.Sentences[_t.SentenceOf(W[word].Start)].Start);
            foreach (var (f, l) in Chunks())
            {
                if (f < first || l >= word)
                {
                    continue;
                }

                var tokens = f == first ? NameTokens(f, l) : [];
                var lone = tokens.Count == 1 ? tokens[0].ToLowerInvariant() : null;
                if (tokens.Count > 0 && !tokens.Any(t => _lex.OrgWords.Contains(t.ToLowerInvariant()))
                    && !(lone is not null && (_lex.Determiners.Contains(lone) || _lex.ClauseOpeners.Contains(lone) || _lex.AdverbialOpeners.Contains(lone) || _lex.Pronouns.Contains(lone))))
                {
                    var subject = lone is null ? string.Join(' ', tokens) : NearestFullName(W[f].Start, tokens[0]) ?? tokens[0];
                    if (!OtherGender(subject, gender))
                    {
                        return subject;
                    }
                }

                break;
            }

            if (entities is not null)
            {
                var (n, p) = FromEntities(entities, W[word].Start, W[word].End, W[word].Start);
                if (n is not null && p && !OtherGender(n, gender))
                {
                    return n;
                }
            }

            return NearestPersonChunk(W[word].Start);
        }

        /// <summary>'m' for "he", 'f' for "she", else 0.</summary>
        private static char PronounGender(string lower) => lower switch { "he" => 'm', "she" => 'f', _ => '\0' };

        /// <summary>True when a person was referred to by the other personal pronoun earlier in the article.</summary>
        private bool OtherGender(string name, char gender) => _genders.TryGetValue(name, out var g) && g != gender;

        /// <summary>For "he"/"she" and a one-word name: a person who spoke in this or the previous paragraph.</summary>
        private (string? Name, bool Person) RecentSpeaker(string word, int paragraph)
        {
            var pronoun = _lex.PersonPronouns.Contains(word);
            if (!pronoun && !char.IsUpper(word[0]))
            {
                return (null, false);
            }

            for (var h = _history.Count - 1; h >= 0; h--)
            {
                var (n, p, para) = _history[h];
                if (paragraph - para > 1)
                {
                    break;
                }

                if (p && (pronoun || ContainsToken(n, word)) && !(pronoun && OtherGender(n, PronounGender(word.ToLowerInvariant()))))
                {
                    return (n, true);
                }
            }

            return (null, false);
        }

        private (string? Name, bool Person) Fallback(Np np, int paragraph)
        {
            var first = W[np.MentionFirst];
            var mention = _text[first.Start..W[np.MentionLast].End];
            if (np.MentionFirst == np.MentionLast && _lex.Pronouns.Contains(mention))
            {
                var personal = _lex.PersonPronouns.Contains(mention);
                for (var h = _history.Count - 1; h >= 0; h--)
                {
                    var (n, p, para) = _history[h];
                    if (paragraph - para > _o.PronounLookbackParagraphs)
                    {
                        break;
                    }

                    if (p == personal && !(personal && OtherGender(n, PronounGender(mention.ToLowerInvariant()))))
                    {
                        return (n, p);
                    }
                }

                if (personal)
                {
                    var near = NearestPersonChunk(first.Start);
                    return near is null ? (null, true) : (near, true);
                }

                return (null, false);
            }

            var tokens = NameTokens(np.MentionFirst, np.MentionLast);
            if (tokens.Count == 0)
            {
                return (null, false);
            }

            if (!char.IsUpper(tokens[^1][0]))
            {
                // A common noun phrase: "state media", "a source".
                var words = tokens.SkipWhile(t => _lex.Determiners.Contains(t)).ToList();
                return (words.Count == 0 ? null : string.Join(' ', words), false);
            }

            var org = tokens.Any(t => _lex.OrgWords.Contains(t.TrimEnd('.').Replace("’s", "", StringComparison.Ordinal).Replace("'s", "", StringComparison.Ordinal)));
            if (tokens.Count == 1 && !org)
            {
                // A surname or a short name: a recent speaker with that name, else the most frequent earlier full name with it.
                for (var h = _history.Count - 1; h >= 0; h--)
                {
                    if (paragraph - _history[h].Paragraph > 1)
                    {
                        break;
                    }

                    if (_history[h].Person && ContainsToken(_history[h].Name, tokens[0]))
                    {
                        return (_history[h].Name, true);
                    }
                }

                var full = NearestFullName(first.Start, tokens[0]);
                return (full ?? tokens[0], true);
            }

            var joined = string.Join(' ', tokens);
            if (!org)
            {
                for (var h = _history.Count - 1; h >= 0; h--)
                {
                    if (_history[h].Person && _history[h].Name.EndsWith(" " + joined, StringComparison.Ordinal))
                    {
                        return (_history[h].Name, true);
                    }
                }
            }

            return (joined, !org);
        }

        private static bool ContainsToken(string name, string token) =>
            name.Split(' ').Any(t => string.Equals(t, token, StringComparison.Ordinal));

        /// <summary>The tokens of a name with titles, possessive modifiers and nationality words stripped from the front.</summary>
        private List<string> NameTokens(int first, int last)
        {
            var tokens = new List<string>();
            for (var i = first; i <= last; i++)
            {
                if (W[i].IsWord)
                {
                    tokens.Add(Text(i));
                }
            }

            if (tokens.Count == 0 || !char.IsUpper(tokens[^1][0]))
            {
                return tokens;
            }

            var s = 0;
            var org = tokens.Any(t => _lex.OrgWords.Contains(t.ToLowerInvariant()));
            while (s < tokens.Count - 1)
            {
                var t = tokens[s];
                var l = t.ToLowerInvariant();
                var strip = _lex.Titles.Contains(l) || _lex.TimeWords.Contains(l) || (!org && _lex.NameModifiers.Contains(l)) || IsPossessive(l)
                    || (t.Contains('.', StringComparison.Ordinal) && tokens.Count - s > 2)
                    || (tokens.Count - s > 2 && _lex.OrgWords.Contains(l) && !tokens.Skip(s + 1).Any(x => _lex.OrgWords.Contains(x.ToLowerInvariant())));
                if (!strip)
                {
                    break;
                }

                s++;
            }

            return tokens.GetRange(s, tokens.Count - s);
        }

        private List<(int First, int Last)> Chunks()
        {
            if (_chunks is not null)
            {
                return _chunks;
            }

            _chunks = [];
            var i = 0;
            while (i < W.Count)
            {
                if (!IsNameWord(i) || _lex.StopNp.Contains(Lower(i)) || _lex.Pronouns.Contains(Lower(i)) || _lex.TimeWords.Contains(Lower(i)))
                {
                    i++;
                    continue;
                }

                var s = i;
                while (i < W.Count && IsNameWord(i) && !_lex.TimeWords.Contains(Lower(i)) && W[i].Start - (i > s ? W[i - 1].End : W[i].Start) <= 1)
                {
                    i++;
                }

                _chunks.Add((s, i - 1));
            }

            return _chunks;
        }

        private string? NearestPersonChunk(int before)
        {
            var chunks = Chunks();
            for (var c = chunks.Count - 1; c >= 0; c--)
            {
                var (f, l) = chunks[c];
                if (W[l].End > before)
                {
                    continue;
                }

                if (before - W[f].Start > 1500)
                {
                    break;
                }

                var tokens = NameTokens(f, l);
                if (tokens.Count >= 2 && !tokens.Any(t => _lex.OrgWords.Contains(t.ToLowerInvariant().Replace("’s", "", StringComparison.Ordinal).Replace("'s", "", StringComparison.Ordinal))))
                {
                    return string.Join(' ', tokens);
                }
            }

            return null;
        }

        /// <summary>The full name (two or more words) containing <paramref name="token"/> that the text uses most before the mention; ties go to the nearest. Falls back to a later one.</summary>
        private string? NearestFullName(int before, string token)
        {
            var chunks = Chunks();
            var counts = new Dictionary<string, (int Count, int Last)>(StringComparer.Ordinal);
            string? fallbackAfter = null;
            for (var c = 0; c < chunks.Count; c++)
            {
                var (f, l) = chunks[c];
                var tokens = NameTokens(f, l);
                if (tokens.Count < 2 || tokens.Count > 4 || !(tokens[0] == token || tokens[^1] == token))
                {
                    continue;
                }

                var name = string.Join(' ', tokens);
                if (W[l].End <= before)
                {
                    var (n, _) = counts.GetValueOrDefault(name);
                    counts[name] = (n + 1, c);
                }
                else
                {
                    fallbackAfter ??= name;
                }
            }

            return counts.Count == 0 ? fallbackAfter : counts.OrderByDescending(kv => kv.Value.Count).ThenByDescending(kv => kv.Value.Last).First().Key;
        }

        public List<Quote> ToQuotes()
        {
            var list = new List<Quote>(_drafts.Count);
            foreach (var d in _drafts.OrderBy(d => d.Start).ThenBy(d => d.End))
            {
                var np = d.Speaker ?? d.CarriedFrom?.Speaker;
                // a carried speaker's nearer mention (NearerMention) where there is one, else the speaker phrase
                var (speakerStart, speakerEnd) = d.NearStart >= 0 ? (d.NearStart, d.NearEnd)
                    : np is { } sp ? (W[sp.MentionFirst].Start, W[sp.MentionLast].End) : (-1, -1);
                var cueDraft = d.Attribution == AttributionKind.Carried && !d.KeepsCue ? null : d;
                list.Add(new Quote
                {
                    Start = d.Start,
                    End = d.End,
                    Text = _text[d.Start..d.End],
                    Direct = d.Direct,
                    Partial = d.Partial,
                    Cue = cueDraft is { CueFirst: >= 0 } ? _text[W[cueDraft.CueFirst].Start..W[cueDraft.CueLast].End] : null,
                    CueStart = cueDraft is { CueFirst: >= 0 } ? W[cueDraft.CueFirst].Start : -1,
                    CueEnd = cueDraft is { CueFirst: >= 0 } ? W[cueDraft.CueLast].End : -1,
                    Speaker = speakerStart >= 0 ? _text[speakerStart..speakerEnd] : null,
                    SpeakerStart = speakerStart,
                    SpeakerEnd = speakerEnd,
                    Entity = d.Entity,
                    Attribution = d.Attribution,
                    CueClass = ClassOf(d),
                });
            }

            return list;
        }

        /// <summary>
        /// What the statement's cue reports (Data/cue-kinds.txt): its own cue's kind, else that of the statement its
        /// attribution was carried from, else speech (quoted words attributed by layout); a forecast ("is expected to
        /// visit") is other.
        /// </summary>
        private CueClass ClassOf(Draft d)
        {
            var cued = d.CueFirst >= 0 ? d : d.CarriedFrom is { CueFirst: >= 0 } src ? src : null;
            if (cued is null)
            {
                return CueClass.Speech;
            }

            // "is expected to visit": a forecast about the subject, nobody's words.
            if (cued.Forecast)
            {
                return CueClass.Other;
            }

            var (people, other) = CueClasses(cued);
            return people == other || !PeopleSpeak(cued) ? other : people;
        }

        /// <summary>What a statement's cue words report with people speaking and with any other speaker (<see cref="QuoteLexicon.ClassesOf"/>).</summary>
        private (CueClass People, CueClass Other) CueClasses(Draft d) =>
            _lex.ClassesOf(_text.AsSpan(W[d.CueFirst].Start, W[d.CueLast].End - W[d.CueFirst].Start));

        /// <summary>Whether a statement's speaker is a person or a group of people: a person entity, a personal pronoun, or a people noun.</summary>
        private bool PeopleSpeak(Draft d)
        {
            if (d.EntityIsPerson)
            {
                return true;
            }

            if (d.Speaker is not { } np)
            {
                return false;
            }

            var head = Lower(np.MentionLast);
            return (np.MentionFirst == np.MentionLast && _lex.PersonPronouns.Contains(head))
                || _lex.PeopleNouns.Contains(head) || _lex.AffiliatedSpeakers.Contains(head) || _lex.CollectiveNouns.Contains(head);
        }
    }
}
