#!/usr/bin/env bash
# Start the background worker and the production web server (gunicorn); stop both on Ctrl+C.
set -euo pipefail
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
mkdir -p "${RONGHE_VAR_DIR:-var}/log"
"$BIN/ronghe" worker > "${RONGHE_VAR_DIR:-var}/log/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
PASSWORD=$("$BIN/ronghe" shell -v 0 -c "from ronghe.core.demo import DEMO_PASSWORD; print(DEMO_PASSWORD)")
cat <<BANNER

  Ronghe 融合 is starting at  http://$HOST:$PORT/

  Demo company 示例科技有限公司 — every login uses the password  $PASSWORD
    admin      系统管理员 (company administrator, also /admin/)
    zhangwei   张伟  总经理          lina      李娜  销售经理
    wangfang   王芳  销售员          liuyang   刘洋  销售员
    chenjing   陈静  采购员          zhaolei   赵磊  仓管员
    sunli      孙丽  会计            zhoumin   周敏  出纳
    wuxia      吴霞  人事专员

  Worker log: ${RONGHE_VAR_DIR:-var}/log/worker.log    Stop: Ctrl+C
BANNER
"$BIN/ronghe" serve --bind "$HOST:$PORT"
