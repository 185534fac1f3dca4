import type { Messages } from './en';
import { healthZhCN } from './health.zh-CN';
import { jobsZhCN } from './jobs.zh-CN';
import { logcheckZhCN } from './logcheck.zh-CN';
import { settingsZhCN } from './settings.zh-CN';
import { throughputZhCN } from './throughput.zh-CN';

// 简体中文目录：结构必须与 en.ts 完全一致（由 Messages 类型检查）。
export const zhCN: Messages = {
  app: { name: '数字人集群控制台', tagline: '数字人主机与队列阻塞' },
  nav: { fleet: '集群', hosts: '主机', users: '用户', audit: '审计', signOut: '退出登录', language: '语言' },
  roles: { viewer: '只读', operator: '运维', admin: '管理员' },
  common: {
    save: '保存', cancel: '取消', edit: '编辑', remove: '删除', add: '添加', close: '关闭', copy: '复制',
    copied: '已复制', loading: '加载中…', working: '处理中…', never: '从未', none: '—', refresh: '刷新',
    confirmRemove: '删除 {name}？此操作无法撤销。', updatedAt: '更新于 {time}', retry: '重试',
    timeZone: '时区：{zone}', timeZoneHint: '本页面的所有时间均按你的时区显示；日志行保留其原文。',
  },
  auth: {
    loginTitle: '登录', loginSubmit: '登录', username: '用户名', password: '密码',
    setupTitle: '创建管理员', setupIntro: '尚无任何用户。现在创建的账号将成为第一个管理员。',
    setupSubmit: '创建管理员', passwordConfirm: '再次输入密码', passwordMismatch: '两次输入的密码不一致。', signedInAs: '已以 {name} 登录：打开集群页面。',
  },
  errors: {
    unauthenticated: '请先登录。', forbidden: '你的角色无权执行此操作。', rate_limited: '登录失败次数过多。请 {minutes} 分钟后（{at}）再试。',
    bad_credentials: '用户名或密码错误。', setup_done: '初始化已完成：管理员已存在，请直接登录。',
    bad_origin: '请求被拒绝：它并非来自本控制台。', invalid: '部分字段无效。',
    too_large: '已拒绝：请求大于 {limit} 字节。',
    not_found: '未找到：可能已被删除。', conflict: '冲突：{message}', unavailable: '控制台存储不可用：{message}',
    internal: '意外错误：{message}',
    remote: {
      unreachable: '主机没有响应（{message}）。', hostkey_changed: '主机密钥已变化：在管理员核实之前，已停止对该主机的一切操作（{message}）。',
      hostkey_unknown: '主机密钥尚未确认：需要管理员接受。', auth: '主机拒绝了控制台的密钥（{message}）。',
      docker_down: '主机的 Docker 引擎没有响应（{message}）。', container_gone: '容器已不存在（{message}）。',
      container_stopped: '容器未运行（{message}）。', timeout: '主机未能及时响应（{message}）。', failed: '主机报告错误：{message}',
    }, network: '控制台没有响应，请检查连接后重试。',
    busy: '控制台正忙于处理该主机的请求：请 {seconds} 秒后重试。',
    forbiddenPage: '此页面仅限管理员。',
    pageTitle: '出错了', pageHint: '控制台无法显示此页面。详情见服务器日志（参考号 {digest}）。',
    notFound: '没有这个页面。', backHome: '返回集群页面',
  },
  validation: {
    too_small: '不能小于 {minimum}', too_small_string: '至少需要 {minimum} 个字符',
    too_big: '不能大于 {maximum}', too_big_string: '最多 {maximum} 个字符',
    invalid_type: '为必填项', invalid_format: '格式无效：{detail}', invalid_value: '不是允许的值（{detail}）',
    required: '为必填项', unrecognized_keys: '包含未知字段',
  },
  fleet: {
    title: '集群', empty: '还没有主机。', health: '健康', healthPending: '尚未探测', allHealth: '在“健康”页面查看全部问题', emptyAdmin: '请先在“主机”页面添加主机。',
    hostsSummary: '{total} 台主机中 {reachable} 台可达', containers: '容器', serviceContainers: '服务容器',
    otherContainers: '另有 {count} 个其他容器', noServiceContainers: '此主机上未发现数字人服务容器。',
    container: '容器', image: '镜像', state: '状态', uptime: '运行时长', error: '错误',
    seenFingerprint: '主机提供的指纹', pinnedFingerprint: '已固定的指纹',
    acceptKey: '接受主机密钥', repinKey: '重新固定为新密钥', askAdmin: '需要管理员接受此主机密钥。',
    confirmAccept: '为 {name} 接受 {fingerprint}？请先在主机上用 `ssh-keygen -lf` 核对。',
    confirmRepin: '{name} 的主机密钥已改变。仅在确认原因后才重新固定为 {fingerprint}。',
    stale: '刷新失败：{message}', composeProject: 'compose 项目：{project}', address: '{user}@{address}:{port}',
  },
  status: { checking: '检查中…', reachable: '可达', unreachable: '不可达', unconfirmed: '主机密钥待确认', mismatch: '主机密钥不匹配' },
  containerState: { running: '运行中', exited: '已退出', paused: '已暂停', restarting: '重启中', created: '已创建', dead: '已失效', removing: '删除中' },
  duration: { days: '{d}天{h}小时', hours: '{h}小时{m}分', minutes: '{m}分钟', seconds: '{s}秒' },
  hosts: {
    title: '主机', add: '添加主机', editTitle: '编辑 {name}', addTitle: '新主机', empty: '还没有主机。',
    name: '名称', address: '地址', port: 'SSH 端口', user: 'SSH 用户', privateKey: '私钥',
    dockerSocket: 'Docker 套接字', groups: '分组', groupsHint: '用逗号分隔，例如 beijing, gpu-a100',
    keyMode: 'SSH 密钥', keyPaste: '粘贴私钥', keyGenerate: '生成新的密钥对', keyKeep: '保留已存储的密钥',
    keyPlaceholder: '密钥文件的内容，例如 ~/.ssh/id_ed25519（OpenSSH 或 PEM 格式，无口令）', keyHint: '加密存储，之后不会再显示。',
    hasKey: '已存储密钥', noKey: '无密钥', fingerprint: '主机密钥', notPinned: '未固定',
    publicKeyTitle: '{name} 的公钥', publicKeyHint: '把这一行追加到主机上 ~{user}/.ssh/authorized_keys。',
    saved: '已保存 {name}。', removed: '已删除 {name}。', trusted: '已为 {name} 固定 {fingerprint}。',
    seenKey: '看到的密钥 {fingerprint}', columns: { name: '名称', target: 'SSH 目标', socket: 'Docker 套接字', groups: '分组', key: '密钥', hostKey: '主机密钥', actions: '' },
  },
  users: {
    title: '用户', add: '添加用户', username: '用户名', password: '密码', role: '角色', created: '已创建 {name}。',
    roleChanged: '{name} 的角色已改为 {role}。', you: '你', columns: { username: '用户名', role: '角色' },
    locks: {
      title: '登录锁定', name: '用户名', address: '客户端地址', until: '锁定至', anyName: '所有用户名',
      anyAddress: '所有地址', unlock: '解除锁定', lifted: '已解除 {name} 的锁定。',
    },
  },
  audit: {
    title: '审计日志', intro: '所有登录与变更，最新的在前。任何人都无法修改。', empty: '没有记录。',
    time: '时间', actor: '操作者', via: '途径', ip: '来源', action: '操作', target: '对象', args: '参数', result: '结果',
    localAdmin: '本机管理员（命令行）', anonymous: '匿名', more: '更早的记录', filter: '按操作筛选',
    results: { started: '开始', ok: '成功', error: '出错', denied: '被拒绝' },
  },
  ...healthZhCN,
  ...jobsZhCN,
  ...logcheckZhCN,
  ...settingsZhCN,
  ...throughputZhCN,
};
