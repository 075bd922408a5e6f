namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>What the full model looks at: a rectangle of the frame (source pixels, may reach past the frame, where the edge
/// pixels repeat) resampled to an input of <see cref="InputWidth"/> × <see cref="InputHeight"/>; outside the rectangle alpha is 0.</summary>
/// <param name="X">Left edge of the rectangle in source pixels.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Rectangle width in source pixels.</param>
/// <param name="Height">Rectangle height in source pixels.</param>
/// <param name="InputWidth">Model input width (a multiple of <see cref="Granularity"/>).</param>
/// <param name="InputHeight">Model input height.</param>
internal sealed record ModelRegion(double X, double Y, double Width, double Height, int InputWidth, int InputHeight)
{
    /// <summary>ISNet's input side, and the size it was trained and exported at.</summary>
    public const int ReferenceSide = 1024;

    /// <summary>Input sides are multiples of this, so every one of ISNet's six halvings is exact (2⁶).</summary>
    public const int Granularity = 64;

    /// <summary>The reference view: the whole frame squashed into 1024 × 1024, as the model was exported (the evaluator's truth).</summary>
    public static ModelRegion Reference(int width, int height) => new(0, 0, width, height, ReferenceSide, ReferenceSide);

    /// <summary>The whole frame at no more than <paramref name="maxUpscale"/> input pixels per source pixel on each axis (and no
    /// more than the reference view's 1024 on a side), rounded up to multiples of <see cref="Granularity"/>; the reference view when that saves less than a quarter of it. A small source
    /// (360 × 288) is not blown up to 1024 × 1024 (2.8 × 3.6) to show ISNet detail it does not have. 0: the reference view.</summary>
    public static ModelRegion Whole(int width, int height, double maxUpscale)
    {
        if (maxUpscale <= 0) { return Reference(width, height); }
        int inputWidth = Math.Min(ReferenceSide, RoundUp(width * maxUpscale)), inputHeight = Math.Min(ReferenceSide, RoundUp(height * maxUpscale));
        var capped = new ModelRegion(0, 0, width, height, inputWidth, inputHeight);
        // Saving less than a quarter of a run is not worth showing the model another picture than the reference (a 480² source
        // at 2× would run at 960² instead of 1024²).
        return capped.Cost > 0.75 ? Reference(width, height) : capped;
    }

    /// <summary>Model input pixels per source pixel in the reference view (geometric mean of the two axes).</summary>
    public static double ReferenceScale(int width, int height) => ReferenceSide / Math.Sqrt((double)width * height);

    /// <summary>A view of the box (grown by <paramref name="margin"/> of its size on every side, at least 8 px) at
    /// <paramref name="scale"/> input pixels per source pixel, the input rounded up to multiples of <see cref="Granularity"/>
    /// and the rectangle grown (centred, same scale) to fill it. A box that covers most of the frame gives the whole frame.</summary>
    /// <param name="box">The person's bounding box in source pixels (x0, y0, x1, y1 exclusive).</param>
    public static ModelRegion Around((int X0, int Y0, int X1, int Y1) box, int width, int height, double scale, double margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        int bw = Math.Max(1, box.X1 - box.X0), bh = Math.Max(1, box.Y1 - box.Y0);
        int mx = (int)Math.Ceiling(margin * bw) + 8, my = (int)Math.Ceiling(margin * bh) + 8;
        int x0 = Math.Max(0, box.X0 - mx), y0 = Math.Max(0, box.Y0 - my);
        int x1 = Math.Min(width, box.X1 + mx), y1 = Math.Min(height, box.Y1 + my);
        int inputWidth = RoundUp((x1 - x0) * scale), inputHeight = RoundUp((y1 - y0) * scale);
        double w = inputWidth / scale, h = inputHeight / scale;
        double x = x0 - ((w - (x1 - x0)) / 2), y = y0 - ((h - (y1 - y0)) / 2);
        return new ModelRegion(x, y, w, h, inputWidth, inputHeight);
    }

    /// <summary>Share of the reference view's input pixels this view costs.</summary>
    public double Cost => InputWidth * (double)InputHeight / (ReferenceSide * ReferenceSide);

    private static int RoundUp(double pixels) => Math.Max(Granularity, (int)Math.Ceiling(pixels / Granularity) * Granularity);
}
