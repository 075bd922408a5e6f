using PixelHolo.Bench;

return await BenchRunner.RunAsync(args);
