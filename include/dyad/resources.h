// dyad/resources.h: where the binary finds the files it ships with (models/,
// data/). Nothing is ever downloaded: these are files of the installation.
#ifndef DYAD_RESOURCES_H_
#define DYAD_RESOURCES_H_

#include <string>

#include "dyad/status.h"

namespace dyad {

// Returns the path of `relative` ("data/cleaning.rules", "models/parser.dyad")
// looked up, in order, under $DYAD_HOME, the folder above the running
// executable and its share/dyad, and the source tree the binary was built
// from. NotFound names every place it looked.
Result<std::string> FindResource(const std::string& relative);

}  // namespace dyad

#endif  // DYAD_RESOURCES_H_
