using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Painterly.Benchmarks.ImageConversionBenchmarks).Assembly).Run(args);
