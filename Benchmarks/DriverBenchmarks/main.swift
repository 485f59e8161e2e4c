import Moltres

print("benchmarks: not yet")
