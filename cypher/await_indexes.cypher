// await_indexes: wait (up to $seconds) until every index is online, so reads see them.
// params: $seconds
CALL db.awaitIndexes($seconds)
