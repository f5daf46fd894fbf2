#include "store/schema_ddl.hpp"

namespace mmsgate::schema {

std::string two_way_tables(bool postgres)
{
    std::string ddl(kTwoWayTables);
    ddl.replace(ddl.find("{blob}"), 6, postgres ? "BYTEA" : "BLOB");
    return ddl;
}

}
