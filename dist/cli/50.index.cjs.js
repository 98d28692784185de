exports.id = 50;
exports.ids = [50];
exports.modules = {

/***/ 8050:
/***/ ((module) => {

module.exports = eval("require")("kerberos");


/***/ })

};
;
//# sourceMappingURL=50.index.cjs.js.map