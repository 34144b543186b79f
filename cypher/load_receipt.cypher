// load_receipt: what the last load left (loaders/receipt.py), as the JSON text it was saved as;
// no row before the first load.
// params: none
MATCH (r:LoadReceipt {id: 'load'})
RETURN r.doc AS doc
