// The package `main`: lets `require('n8n-nodes-clickpesa-clik2pay')` reach the node and credential
// classes. n8n itself discovers them through the `n8n` section of package.json.
const packageJson = require('./package.json');

const exported = {};
for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
	Object.assign(exported, require(`./${file}`));
}
module.exports = exported;
