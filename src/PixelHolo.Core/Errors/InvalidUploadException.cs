namespace PixelHolo.Core.Errors;

/// <summary>An upload that cannot become a profile. Carries every problem found, not just the first.</summary>
public sealed class InvalidUploadException : PixelHoloException
{
    public InvalidUploadException(string fileName, IReadOnlyList<UploadProblem> problems)
        : base(FormatMessage(fileName, problems))
    {
        FileName = fileName;
        Problems = problems;
    }

    public string FileName { get; }

    public IReadOnlyList<UploadProblem> Problems { get; }

    private static string FormatMessage(string fileName, IReadOnlyList<UploadProblem> problems) =>
        $"'{fileName}' cannot be used: " + string.Join(" ", problems.Select(p => p.Message));
}

/// <summary>One thing wrong with an upload.</summary>
/// <param name="Code">Stable machine code, e.g. "no-audio", "too-short", "corrupt".</param>
/// <param name="Message">What is wrong and what to do, in plain words.</param>
public sealed record UploadProblem(string Code, string Message);
