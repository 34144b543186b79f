// remove_posts: delete the :Post nodes with the given keys ([id] lists) (a revert of the
// change set that added them).
// params: $keys
UNWIND $keys AS k
MATCH (n:Post {id: k[0]})
DETACH DELETE n
RETURN count(*) AS removed
