using System.Globalization;
using System.Text;
using Dossier.Copies;

namespace Dossier.Cli.Bench;

/// <summary>Diagnostic: per judged pair, the measures the comparer decides on (DOSSIER_COPIES_FEATURES=path.tsv).</summary>
internal static class CopiesFeatures
{
    public static void Write(string path, IReadOnlyList<CopyDoc> profiles, IEnumerable<(int A, int B, string Truth, string Edit, string Predicted)> pairs)
    {
        var df = new Dictionary<ulong, int>();
        foreach (var p in profiles)
        {
            foreach (var t in p.Profile.SentenceTerms.SelectMany(x => x).Distinct())
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }

        double Idf(ulong t) => Math.Log((profiles.Count + 1.0) / (df.GetValueOrDefault(t) + 1.0));
        var sb = new StringBuilder();
        sb.AppendLine("a\tb\ttruth\tedit\tpred\tsa\tsb\tjac\tca\tcb\tcova\tcovb\tverba\tverbb\tsubst\tfactag\tfactn\tfigag\tfign\tdocfact\tidfdice\tidfmatch\tnewruns\tnewfirst\tnewlast\tnewmid\tdropruns\tdropw\tlead\tclosea\tcloseb\tkepta\tkeptb\tleadtopic\ttailtopic\tleadnames\ttailnames\tnewlead\tnewtail\tlongestnew\tleadsents\ttailsents\twordsa\twordsb\tcommon\tagree\truns\tslips\tleadnovel\ttailnovel\tmatchedn\tchangedn\tsubstn\tsubstw\tsplits\tinsidefacts\tbelowlead\tdropinside\tnewinside\tfirstnewpos\topensquote\tsaid");
        foreach (var (a, b, truth, edit, pred) in pairs)
        {
            var pa = profiles[a].Profile;
            var pb = profiles[b].Profile;
            var al = SentenceAligner.Align(pa, pb);
            var inter = CopyProfile.Intersect(pa.Shingles, pb.Shingles);
            var jac = inter / (double)Math.Max(1, pa.Shingles.Length + pb.Shingles.Length - inter);
            var ca = inter / (double)Math.Max(1, pa.Shingles.Length);
            var cb = inter / (double)Math.Max(1, pb.Shingles.Length);
            var fa = pa.SentenceNumbers.SelectMany(x => x).Distinct().Order().ToArray();
            var fb = pb.SentenceNumbers.SelectMany(x => x).Distinct().Order().ToArray();
            var docfact = CopyProfile.Intersect(fa, fb) / (double)Math.Max(1, Math.Min(fa.Length, fb.Length));
            var ta = pa.SentenceTerms.SelectMany(x => x).Distinct().ToHashSet();
            var tb = pb.SentenceTerms.SelectMany(x => x).Distinct().ToHashSet();
            var idfdice = 2 * ta.Intersect(tb).Sum(Idf) / Math.Max(1e-9, ta.Sum(Idf) + tb.Sum(Idf));
            double ms = 0, mt = 0;
            foreach (var m in al.Matches.Where(m => m.A >= 0 && m.B >= 0))
            {
                var x = pa.SentenceTerms[m.A];
                var y = pb.SentenceTerms[m.B];
                ms += 2 * x.Intersect(y).Sum(Idf);
                mt += x.Sum(Idf) + y.Sum(Idf);
            }

            // New text in b: runs of consecutive new sentences and where their weight sits.
            int runs = 0, dropRuns = 0;
            double first = 0, last = 0, mid = 0, total = 0, dropw = 0;
            var prevNew = false;
            var prevDrop = false;
            var bNew = new bool[pb.Sentences.Length];
            foreach (var m in al.Matches)
            {
                if (m.A < 0)
                {
                    bNew[m.B] = true;
                }

                if (m.B < 0)
                {
                    dropw += pa.TermWeight(m.A);
                    if (!prevDrop)
                    {
                        dropRuns++;
                    }
                }

                prevDrop = m.B < 0;
            }

            for (var j = 0; j < pb.Sentences.Length; j++)
            {
                if (!bNew[j])
                {
                    prevNew = false;
                    continue;
                }

                if (!prevNew)
                {
                    runs++;
                }

                prevNew = true;
                total += pb.TermWeight(j);
            }

            for (var j = 0; j < pb.Sentences.Length && bNew[j]; j++)
            {
                first += pb.TermWeight(j);
            }

            for (var j = pb.Sentences.Length - 1; j >= 0 && bNew[j]; j--)
            {
                last += pb.TermWeight(j);
            }

            mid = total - first - last;
            var wb = Enumerable.Range(0, pb.Sentences.Length).Sum(pb.TermWeight);
            var wa = Enumerable.Range(0, pa.Sentences.Length).Sum(pa.TermWeight);
            int matchedN = 0, changedN = 0, substN = 0, substW = 0;
            foreach (var m in al.Matches.Where(m => m.A >= 0 && m.B >= 0))
            {
                matchedN++;
                if (m.Status == PassageStatus.Shared)
                {
                    continue;
                }

                changedN++;
                var common = CloseWords.Common(pa, m.A, pb, m.B);
                var ua = pa.Sentences[m.A].WordCount - common;
                var ub = pb.Sentences[m.B].WordCount - common;
                substN += ua >= 1 && ub >= 1 ? 1 : 0;
                substW += Math.Min(ua, ub);
            }

            // Where the first new sentence inside b sits (the count of b's paragraphs before it), and whether it opens with a quotation mark.
            var firstInside = Enumerable.Range(0, pb.Sentences.Length).SkipWhile(j => bNew[j]).FirstOrDefault(j => bNew[j] && j > 0 && pb.SentenceTerms[j].Length >= 3, -1);
            var firstNewPos = firstInside < 0 ? -1 : pb.Sentences[firstInside].Paragraph - pb.Sentences[0].Paragraph;
            var opensQuote = firstInside >= 0 && pb.Text[pb.Sentences[firstInside].Start] is '"' or '\u201c';
            var saidQ = firstInside >= 0 && pb.Text[pb.Sentences[firstInside].Start..pb.Sentences[firstInside].End].Contains(" said", StringComparison.Ordinal);
            string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            sb.AppendLine(string.Join('\t', a, b, truth, edit, pred, pa.Sentences.Length, pb.Sentences.Length, F(jac), F(ca), F(cb), F(al.CoverageA), F(al.CoverageB),
                F(al.VerbatimA), F(al.VerbatimB), al.SubstantialMatches, F(al.FactAgreement), al.FactsCompared, F(al.FigureAgreement), al.FiguresCompared,
                F(docfact), F(idfdice), F(mt == 0 ? 0 : ms / mt), runs, F(first / wb), F(last / wb), F(mid / wb), dropRuns, F(dropw / wa), al.LeadsMatch ? 1 : 0,
                F(al.CloseA), F(al.CloseB), F(al.KeptA), F(al.KeptB), F(al.NewLeadTopic), F(al.NewTailTopic), al.NewLeadNames, al.NewTailNames,
                F(al.NewLeadShare), F(al.NewTailShare), al.LongestNewRun, al.NewLeadSentences, al.NewTailSentences, pa.WordCount, pb.WordCount, F(al.CommonWords), F(al.WordAgreement), al.NewRuns, F(al.SlipShare), al.NewLeadNovelTerms, al.NewTailNovelTerms, matchedN, changedN, substN, substW, al.SplitSentences, al.NewInsideFacts, al.NewBelowLead ? 1 : 0, al.DroppedInside, F(al.NewInsideShare), firstNewPos, opensQuote ? 1 : 0, saidQ ? 1 : 0));
        }

        File.WriteAllText(path, sb.ToString());
    }
}
