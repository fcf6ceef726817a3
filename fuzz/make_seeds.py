#!/usr/bin/env python3
"""Writes the small hand-made seed corpora in fuzz/corpus/ (the images and the demo config are
copied by scripts; these are the wire payloads, shaped as the platform tests build them).
Run once from the repo root: python3 fuzz/make_seeds.py. Needs the openssl command for the
encrypted Feishu and WeCom seeds."""
import base64, hashlib, json, os, shutil, subprocess

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def put(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def aes_cbc(key, iv, plain):  # plain must already be padded
    return subprocess.run(["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv", iv.hex()],
                          input=plain, capture_output=True, check=True).stdout

def pad(data, block):
    n = block - len(data) % block
    return data + bytes([n]) * n

now = 1763800000
# Feishu (im.message.receive_v1, schema 2.0)
def feishu(event_id, mtype, content, extra=None):
    msg = {"message_id": "om_1", "chat_id": "oc_hanjia", "chat_type": "group", "message_type": mtype,
           "content": json.dumps(content, ensure_ascii=False), "create_time": str(now * 1000)}
    if extra: msg.update(extra)
    return {"schema": "2.0", "header": {"event_id": event_id, "event_type": "im.message.receive_v1",
            "token": "vtoken", "create_time": str(now * 1000)},
            "event": {"sender": {"sender_id": {"open_id": "ou_villager"}, "sender_type": "user"}, "message": msg}}
put("feishu", "text", feishu("ev1", "text", {"text": "@_user_1 南河桥有垃圾堆"},
    {"mentions": [{"key": "@_user_1", "name": "韩德福", "id": {"open_id": "ou_handefu"}}], "parent_id": "om_0"}))
put("feishu", "image", feishu("ev2", "image", {"image_key": "img_1"}))
put("feishu", "post", feishu("ev3", "post", {"zh_cn": {"title": "", "content": [[{"tag": "text", "text": "污水"},
    {"tag": "img", "image_key": "img_2"}, {"tag": "at", "user_id": "ou_handefu"}]]}}))
put("feishu", "location", feishu("ev4", "location", {"name": "南河桥", "latitude": "36.62", "longitude": "117.01"}))
put("feishu", "challenge", {"type": "url_verification", "challenge": "c1", "token": "vtoken"})
key = hashlib.sha256(b"ek").digest()
iv = bytes(range(16))
plain = json.dumps(feishu("ev5", "text", {"text": "垃圾"}), ensure_ascii=False).encode()
put("feishu", "encrypted", base64.b64encode(iv + aes_cbc(key, iv, pad(plain, 16))))

# DingTalk robot callback
def ding(msg_id, mtype, extra):
    m = {"msgId": msg_id, "conversationId": "cid_hanjia", "conversationType": "2", "senderStaffId": "staff_x",
         "senderNick": "王大爷", "chatbotUserId": "bot_1", "msgtype": mtype, "createAt": now * 1000}
    m.update(extra)
    return m
put("dingtalk", "text", ding("msg1", "text", {"text": {"content": "@韩德福 村口垃圾"},
    "atUsers": [{"dingtalkId": "bot_1"}, {"dingtalkId": "$:x", "staffId": "staff_handefu"}]}))
put("dingtalk", "picture", ding("msg2", "picture", {"content": {"downloadCode": "dc1", "pictureDownloadCode": "p1"}}))
put("dingtalk", "richtext", ding("msg3", "richText", {"content": {"richText": [{"text": "河道"},
    {"type": "picture", "downloadCode": "dc2"}]}}))

# WeCom: self-built app XML, robot JSON, and an encrypted envelope
put("wecom", "text_xml", "<xml><ToUserName>wx_corp</ToUserName><FromUserName>HanDeFu</FromUserName><CreateTime>"
    "1409659589</CreateTime><MsgType>text</MsgType><Content><![CDATA[河道有漂浮物]]></Content><MsgId>1001</MsgId>"
    "<AgentID>1</AgentID></xml>")
put("wecom", "image_xml", "<xml><FromUserName>HanDeFu</FromUserName><CreateTime>1409659589</CreateTime>"
    "<MsgType>image</MsgType><PicUrl>http://x/p.jpg</PicUrl><MediaId>media1</MediaId><MsgId>1002</MsgId></xml>")
put("wecom", "location_xml", "<xml><FromUserName>HanDeFu</FromUserName><CreateTime>1409659589</CreateTime>"
    "<MsgType>location</MsgType><Location_X>36.62</Location_X><Location_Y>117.01</Location_Y><Scale>15</Scale>"
    "<Label>南河桥</Label><MsgId>1003</MsgId></xml>")
put("wecom", "robot_json", {"msgid": "m1", "chatid": "wrkSFf", "chattype": "group", "from": {"userid": "HanDeFu"},
    "msgtype": "mixed", "mixed": {"msg_item": [{"msgtype": "text", "text": {"content": "垃圾"}},
    {"msgtype": "image", "image": {"url": "http://x/y.jpg"}}]}})
aes_key = base64.b64decode("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=")
msg = "<xml><FromUserName>HanDeFu</FromUserName><MsgType>text</MsgType><Content>垃圾</Content><MsgId>9</MsgId></xml>".encode()
body = bytes(16) + len(msg).to_bytes(4, "big") + msg + b"corp1"
put("wecom", "encrypted", base64.b64encode(aes_cbc(aes_key, aes_key[:16], pad(body, 32))))

# OneBot v11, both message formats
def onebot(message):
    return {"time": now, "self_id": 999, "post_type": "message", "message_type": "group", "message_id": 7,
            "group_id": 123456, "user_id": 20002, "sender": {"nickname": "老王", "card": ""}, "message": message}
put("onebot", "segments", onebot([{"type": "reply", "data": {"id": "55"}}, {"type": "at", "data": {"qq": "10001"}},
    {"type": "text", "data": {"text": " 垃圾堆"}}, {"type": "image", "data": {"file": "a.jpg", "url": "http://x/a.jpg"}},
    {"type": "location", "data": {"lat": "36.62", "lon": "117.01"}}]))
put("onebot", "cq_string", onebot("[CQ:reply,id=55][CQ:at,qq=10001] 垃圾&#91;堆&#93;[CQ:image,file=a.jpg,url=http://x/a.jpg]"))
put("onebot", "private", dict(onebot("帮助"), message_type="private"))

# Telegram Update
def tg(uid, fields):
    m = {"message_id": 40 + uid, "date": now, "chat": {"id": -1001, "type": "supergroup"},
         "from": {"id": 555, "is_bot": False, "first_name": "Wang"}}
    m.update(fields)
    return {"update_id": uid, "message": m}
put("telegram", "photo", tg(1, {"caption": "垃圾", "photo": [{"file_id": "s", "width": 90, "height": 90},
    {"file_id": "big", "width": 1280, "height": 960}], "reply_to_message": {"message_id": 3, "date": now,
    "chat": {"id": -1001, "type": "supergroup"}}, "caption_entities": [{"type": "text_mention", "offset": 0,
    "length": 2, "user": {"id": 777, "is_bot": False, "first_name": "Han"}}]}))
put("telegram", "text", tg(2, {"text": "#12 已整改"}))
put("telegram", "location", tg(3, {"location": {"latitude": 36.62, "longitude": 117.01}}))

# Simulator
put("sim", "text", {"event_id": "e1", "group_id": "g-hanjia", "user_id": "sim:handefu", "user_name": "韩德福",
    "time": "2026-11-22T08:00:00+08:00", "text": "南河桥有垃圾", "location": {"lat": 36.62, "lng": 117.01}, "reply_to": "m-17"})
put("sim", "image", {"event_id": "e2", "group_id": "g-hanjia", "user_id": "sim:x", "image_b64": "/9j/4AAQSkZJRgABAQAAAQABAAD/2Q=="})

# Chat commands and tagging text
for i, text in enumerate(["#12 已整改", "＃１２退回 没扫干净", "12号 延期 3天 等雨停", "查询 12", "我的", "逾期", "待办",
                          "帮助", "代报 韩德福 村口垃圾", "#12 转派 @韩德福", "#12 合并 #9", "#3 类别 3",
                          "#4 位置 南河桥", "延期 两周", "#5 延期 12小时 下雨", "好了", "#99999999999999999999 确认"]):
    put("command_parser", f"cmd{i:02d}", text)
for i, text in enumerate(["南河桥有垃圾堆😡", "村口拉圾很多！！", "河道漂浮物，臭死了", "ＬＡＪＩ 乱扔",
                          "韓家村南河橋有垃圾", "燒秸稈\n冒煙", "路灯坏了 🙏🙏"]):
    put("tagging_normalize", f"text{i}", text)
