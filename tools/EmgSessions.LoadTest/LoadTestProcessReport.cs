namespace EmgSessions.LoadTesting;

/// <summary>One serve process of a run: peak memory (VmHWM), CPU time used, sessions it analysed, its log.</summary>
internal sealed record LoadTestProcessReport(string Name, int Pid, double PeakMemoryMb, double CpuSeconds, int SessionsCompleted, int Claims, string Log);
