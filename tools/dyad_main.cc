// The dyad command line: parses flags, calls the library, prints errors.
#include <cstdio>

int main(int argc, char** argv) {
  std::fprintf(stderr, "dyad: not built yet\n");
  return 2;
}
