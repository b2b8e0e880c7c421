// The smallest function: measures the host's own invocation cost, not the work a function does.
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

exports.main = async (event) => ({ openid: cloud.getWXContext().OPENID, echo: event.echo });
