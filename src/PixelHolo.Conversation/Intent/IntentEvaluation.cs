using System.Globalization;
using System.Text;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Intent;

/// <summary>Figures of a classifier on a labelled set, "search" being the positive class.</summary>
public sealed record IntentEvaluation(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives,
    IReadOnlyList<(IntentExample Example, IntentPrediction Prediction)> Misclassified)
{
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Share of the utterances that need search that were sent to search.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static IntentEvaluation Evaluate(IIntentClassifier classifier, IEnumerable<IntentExample> examples)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(examples);
        return FromPredictions(examples.Select(e => (e, classifier.Classify(e.Text))));
    }

    public static IntentEvaluation FromPredictions(IEnumerable<(IntentExample Example, IntentPrediction Prediction)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        var wrong = new List<(IntentExample, IntentPrediction)>();
        foreach (var (example, prediction) in pairs)
        {
            switch (example.NeedsSearch, prediction.NeedsSearch)
            {
                case (true, true): tp++; break;
                case (false, true): fp++; wrong.Add((example, prediction)); break;
                case (false, false): tn++; break;
                case (true, false): fn++; wrong.Add((example, prediction)); break;
            }
        }
        return new IntentEvaluation(tp, fp, tn, fn, wrong);
    }

    /// <summary>The report printed by <c>pixelholo intent eval</c>.</summary>
    public string ToReport(bool includeMisclassified = true)
    {
        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"rows       {Total}");
        report.AppendLine(c, $"accuracy   {Accuracy:P2}");
        report.AppendLine(c, $"precision  {Precision:P2}  (search)");
        report.AppendLine(c, $"recall     {Recall:P2}  (search)");
        report.AppendLine(c, $"f1         {F1:P2}  (search)");
        report.AppendLine("confusion matrix (rows: true label, columns: predicted)");
        report.AppendLine(c, $"{"",-8} {"search",7} {"none",7}");
        report.AppendLine(c, $"{"search",-8} {TruePositives,7} {FalseNegatives,7}");
        report.AppendLine(c, $"{"none",-8} {FalsePositives,7} {TrueNegatives,7}");
        if (includeMisclassified)
        {
            report.AppendLine(c, $"misclassified ({Misclassified.Count}): true label, score of search, text");
            foreach (var (example, prediction) in Misclassified)
            {
                string truth = example.NeedsSearch ? IntentLabels.Search : IntentLabels.None;
                report.AppendLine(c, $"  {truth,-6} {prediction.Score:F3}  {example.Text}");
            }
        }
        return report.ToString();
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
