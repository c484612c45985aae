"""Quality measurement: the hand-made reference sets and the scorers that hold the pipeline's output
against them and against PolNeAR's gold attributions, shared by the tests and the benchmarks."""
