using PixelHolo.Cli;

return await PixelHoloCli.RunAsync(args);
