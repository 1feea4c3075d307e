// Where parley finds the files it ships in data/ (lexicons, trained models, the demo organisation):
// $PARLEY_DATA if set, else the data/ folder of the source tree the binary was built from.
#pragma once

#include <string>

namespace parley {

std::string data_dir();
// data_dir() + "/" + relative
std::string data_path(const std::string& relative);

}  // namespace parley
