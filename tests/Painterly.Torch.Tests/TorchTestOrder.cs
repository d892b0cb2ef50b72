// libtorch keeps process-wide state that tests would race on: the default random generator, the intra-op thread
// count (setting it also clears oneDNN's primitive cache under other threads' feet) and how reductions split across
// threads. Run this assembly's classes one at a time, so every run's numbers are its own and reproducible.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
