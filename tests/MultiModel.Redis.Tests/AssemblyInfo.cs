// The shared-state tests run real servers and wait in real time for pub/sub and resynchronisation: one at a time,
// so that a slow shared machine does not turn a bound of seconds into a flaky test.
[assembly: NonParallelizable]
