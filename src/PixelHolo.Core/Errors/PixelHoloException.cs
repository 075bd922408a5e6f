namespace PixelHolo.Core.Errors;

/// <summary>Base of our domain errors: the message says what is wrong and what to do.</summary>
public abstract class PixelHoloException : Exception
{
    protected PixelHoloException(string message) : base(message) { }
    protected PixelHoloException(string message, Exception? inner) : base(message, inner) { }
}
