// msgpackr checks `if (extractor)` and uses its JavaScript decoder when this is null.
module.exports = null;
