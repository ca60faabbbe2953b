"use strict";

module.exports = [{
  'id': '100臺北市中正區',
  'zipcode': 100,
  'county': 'Taipei City',
  'city': 'Zhongzheng District'
}, {
  'id': '103臺北市大同區',
  'zipcode': 103,
  'county': 'Taipei City',
  'city': 'Daton District'
}, {
  'id': '104臺北市中山區',
  'zipcode': 104,
  'county': 'Taipei City',
  'city': 'Zhongshan District'
}, {
  'id': '105臺北市松山區',
  'zipcode': 105,
  'county': 'Taipei City',
  'city': 'Songshan District'
}, {
  'id': '106臺北市大安區',
  'zipcode': 106,
  'county': 'Taipei City',
  'city': "Da'an District"
}, {
  'id': '108臺北市萬華區',
  'zipcode': 108,
  'county': 'Taipei City',
  'city': 'Wanhua Disrict'
}, {
  'id': '110臺北市信義區',
  'zipcode': 110,
  'county': 'Taipei City',
  'city': 'Xinyi District'
}, {
  'id': '111臺北市士林區',
  'zipcode': 111,
  'county': 'Taipei City',
  'city': 'Shilin District'
}, {
  'id': '112臺北市北投區',
  'zipcode': 112,
  'county': 'Taipei City',
  'city': 'Beitou District'
}, {
  'id': '114臺北市內湖區',
  'zipcode': 114,
  'county': 'Taipei City',
  'city': 'Neihu District'
}, {
  'id': '115臺北市南港區',
  'zipcode': 115,
  'county': 'Taipei City',
  'city': 'Nangang District'
}, {
  'id': '116臺北市文山區',
  'zipcode': 116,
  'county': 'Taipei City',
  'city': 'Wenshan District'
}, {
  'id': '200基隆市仁愛區',
  'zipcode': 200,
  'county': 'Keelung City',
  'city': "Ren'ai District"
}, {
  'id': '201基隆市信義區',
  'zipcode': 201,
  'county': 'Keelung City',
  'city': 'Xinyi District'
}, {
  'id': '202基隆市中正區',
  'zipcode': 202,
  'county': 'Keelung City',
  'city': 'Zhongzheng District'
}, {
  'id': '203基隆市中山區',
  'zipcode': 203,
  'county': 'Keelung City',
  'city': 'Zhongshan District'
}, {
  'id': '204基隆市安樂區',
  'zipcode': 204,
  'county': 'Keelung City',
  'city': 'Anle District'
}, {
  'id': '205基隆市暖暖區',
  'zipcode': 205,
  'county': 'Keelung City',
  'city': 'Nuannuan District'
}, {
  'id': '206基隆市七堵區',
  'zipcode': 206,
  'county': 'Keelung City',
  'city': 'Qidu District'
}, {
  'id': '207新北市萬里區',
  'zipcode': 207,
  'county': 'New Taipei City',
  'city': 'Wanli District'
}, {
  'id': '208新北市金山區',
  'zipcode': 208,
  'county': 'New Taipei City',
  'city': 'Jinshan District'
}, {
  'id': '220新北市板橋區',
  'zipcode': 220,
  'county': 'New Taipei City',
  'city': 'Banqiao District'
}, {
  'id': '221新北市汐止區',
  'zipcode': 221,
  'county': 'New Taipei City',
  'city': 'Xizhi District'
}, {
  'id': '222新北市深坑區',
  'zipcode': 222,
  'county': 'New Taipei City',
  'city': 'Shenkeng District'
}, {
  'id': '223新北市石碇區',
  'zipcode': 223,
  'county': 'New Taipei City',
  'city': 'Shiding District'
}, {
  'id': '224新北市瑞芳區',
  'zipcode': 224,
  'county': 'New Taipei City',
  'city': 'Ruifang District'
}, {
  'id': '226新北市平溪區',
  'zipcode': 226,
  'county': 'New Taipei City',
  'city': 'Pingxi District'
}, {
  'id': '227新北市雙溪區',
  'zipcode': 227,
  'county': 'New Taipei City',
  'city': 'Shuangxi District'
}, {
  'id': '228新北市貢寮區',
  'zipcode': 228,
  'county': 'New Taipei City',
  'city': 'Gongliao District'
}, {
  'id': '231新北市新店區',
  'zipcode': 231,
  'county': 'New Taipei City',
  'city': 'Xindian Distict'
}, {
  'id': '232新北市坪林區',
  'zipcode': 232,
  'county': 'New Taipei City',
  'city': 'Pinglin District'
}, {
  'id': '233新北市烏來區',
  'zipcode': 233,
  'county': 'New Taipei City',
  'city': 'Wulai District'
}, {
  'id': '234新北市永和區',
  'zipcode': 234,
  'county': 'New Taipei City',
  'city': 'Yonghe District'
}, {
  'id': '235新北市中和區',
  'zipcode': 235,
  'county': 'New Taipei City',
  'city': 'Zhonghe District'
}, {
  'id': '236新北市土城區',
  'zipcode': 236,
  'county': 'New Taipei City',
  'city': 'Tucheng District'
}, {
  'id': '237新北市三峽區',
  'zipcode': 237,
  'county': 'New Taipei City',
  'city': 'Sanxia District'
}, {
  'id': '238新北市樹林區',
  'zipcode': 238,
  'county': 'New Taipei City',
  'city': 'Shulin District'
}, {
  'id': '239新北市鶯歌區',
  'zipcode': 239,
  'county': 'New Taipei City',
  'city': 'Yingge District'
}, {
  'id': '241新北市三重區',
  'zipcode': 241,
  'county': 'New Taipei City',
  'city': 'Sanchong District'
}, {
  'id': '242新北市新莊區',
  'zipcode': 242,
  'county': 'New Taipei City',
  'city': 'Xinzhuang District'
}, {
  'id': '243新北市泰山區',
  'zipcode': 243,
  'county': 'New Taipei City',
  'city': 'Taishan District'
}, {
  'id': '244新北市林口區',
  'zipcode': 244,
  'county': 'New Taipei City',
  'city': 'Linkou District'
}, {
  'id': '247新北市蘆洲區',
  'zipcode': 247,
  'county': 'New Taipei City',
  'city': 'Luzhou District'
}, {
  'id': '248新北市五股區',
  'zipcode': 248,
  'county': 'New Taipei City',
  'city': 'Wugu District'
}, {
  'id': '249新北市八里區',
  'zipcode': 249,
  'county': 'New Taipei City',
  'city': 'Bali District'
}, {
  'id': '251新北市淡水區',
  'zipcode': 251,
  'county': 'New Taipei City',
  'city': 'Tamsui District'
}, {
  'id': '252新北市三芝區',
  'zipcode': 252,
  'county': 'New Taipei City',
  'city': 'Sanzhi District'
}, {
  'id': '253新北市石門區',
  'zipcode': 253,
  'county': 'New Taipei City',
  'city': 'Shimen District'
}, {
  'id': '260宜蘭縣宜蘭市',
  'zipcode': 260,
  'county': 'Yilan County',
  'city': 'Yilan City'
}, {
  'id': '261宜蘭縣頭城鎮',
  'zipcode': 261,
  'county': 'Yilan County',
  'city': 'Toucheng Township'
}, {
  'id': '262宜蘭縣礁溪鄉',
  'zipcode': 262,
  'county': 'Yilan County',
  'city': 'Jiaoxi Township'
}, {
  'id': '263宜蘭縣壯圍鄉',
  'zipcode': 263,
  'county': 'Yilan County',
  'city': 'Zhuangwei Township'
}, {
  'id': '264宜蘭縣員山鄉',
  'zipcode': 264,
  'county': 'Yilan County',
  'city': 'Yuanshan Township'
}, {
  'id': '265宜蘭縣羅東鎮',
  'zipcode': 265,
  'county': 'Yilan County',
  'city': 'Luodong Township'
}, {
  'id': '266宜蘭縣三星鄉',
  'zipcode': 266,
  'county': 'Yilan County',
  'city': 'Sanxing Township'
}, {
  'id': '267宜蘭縣大同鄉',
  'zipcode': 267,
  'county': 'Yilan County',
  'city': 'Datong Township'
}, {
  'id': '268宜蘭縣五結鄉',
  'zipcode': 268,
  'county': 'Yilan County',
  'city': 'Wujie Township'
}, {
  'id': '269宜蘭縣冬山鄉',
  'zipcode': 269,
  'county': 'Yilan County',
  'city': 'Dongshan Township'
}, {
  'id': '270宜蘭縣蘇澳鎮',
  'zipcode': 270,
  'county': 'Yilan County',
  'city': "Su'ao Township"
}, {
  'id': '272宜蘭縣南澳鄉',
  'zipcode': 272,
  'county': 'Yilan County',
  'city': "Nan'ao Township"
}, {
  'id': '290宜蘭縣釣魚臺列嶼',
  'zipcode': 290,
  'county': 'Yilan County',
  'city': 'Diaoyu Islands'
}, {
  'id': '300新竹市東區',
  'zipcode': 300,
  'county': 'Hsinchu City',
  'city': 'East District'
}, {
  'id': '300新竹市北區',
  'zipcode': 300,
  'county': 'Hsinchu City',
  'city': 'North District'
}, {
  'id': '300新竹市香山區',
  'zipcode': 300,
  'county': 'Hsinchu City',
  'city': 'Xiangshan District'
}, {
  'id': '302新竹縣竹北市',
  'zipcode': 302,
  'county': 'HsinChu County',
  'city': 'Zhubei City'
}, {
  'id': '303新竹縣湖口鄉',
  'zipcode': 303,
  'county': 'HsinChu County',
  'city': 'Hukou Township'
}, {
  'id': '304新竹縣新豐鄉',
  'zipcode': 304,
  'county': 'HsinChu County',
  'city': 'Xinfeng Township'
}, {
  'id': '305新竹縣新埔鎮',
  'zipcode': 305,
  'county': 'HsinChu County',
  'city': 'Xinpu Township'
}, {
  'id': '306新竹縣關西鎮',
  'zipcode': 306,
  'county': 'HsinChu County',
  'city': 'Guanxi Township'
}, {
  'id': '307新竹縣芎林鄉',
  'zipcode': 307,
  'county': 'HsinChu County',
  'city': 'Qionglin Township'
}, {
  'id': '308新竹縣寶山鄉',
  'zipcode': 308,
  'county': 'HsinChu County',
  'city': 'Baoshan Township'
}, {
  'id': '310新竹縣竹東鎮',
  'zipcode': 310,
  'county': 'HsinChu County',
  'city': 'Zhudong Township'
}, {
  'id': '311新竹縣五峰鄉',
  'zipcode': 311,
  'county': 'HsinChu County',
  'city': 'Wufeng Township'
}, {
  'id': '312新竹縣橫山鄉',
  'zipcode': 312,
  'county': 'HsinChu County',
  'city': 'Hengshan Township'
}, {
  'id': '313新竹縣尖石鄉',
  'zipcode': 313,
  'county': 'HsinChu County',
  'city': 'Jianshi Township'
}, {
  'id': '314新竹縣北埔鄉',
  'zipcode': 314,
  'county': 'HsinChu County',
  'city': 'Beipu Township'
}, {
  'id': '315新竹縣峨眉鄉',
  'zipcode': 315,
  'county': 'HsinChu County',
  'city': 'Emei Township'
}, {
  'id': '320桃園市中壢區',
  'zipcode': 320,
  'county': 'Taoyuan City',
  'city': 'Zhongli District'
}, {
  'id': '324桃園市平鎮區',
  'zipcode': 324,
  'county': 'Taoyuan City',
  'city': 'Pingzhen District'
}, {
  'id': '325桃園市龍潭區',
  'zipcode': 325,
  'county': 'Taoyuan City',
  'city': 'Longtan District'
}, {
  'id': '326桃園市楊梅區',
  'zipcode': 326,
  'county': 'Taoyuan City',
  'city': 'Yangmei District'
}, {
  'id': '327桃園市新屋區',
  'zipcode': 327,
  'county': 'Taoyuan City',
  'city': 'Xinwu District'
}, {
  'id': '328桃園市觀音區',
  'zipcode': 328,
  'county': 'Taoyuan City',
  'city': 'Guanyin District'
}, {
  'id': '330桃園市桃園區',
  'zipcode': 330,
  'county': 'Taoyuan City',
  'city': 'Taoyuan District'
}, {
  'id': '333桃園市龜山區',
  'zipcode': 333,
  'county': 'Taoyuan City',
  'city': 'Guishan District'
}, {
  'id': '334桃園市八德區',
  'zipcode': 334,
  'county': 'Taoyuan City',
  'city': 'Bade District'
}, {
  'id': '335桃園市大溪區',
  'zipcode': 335,
  'county': 'Taoyuan City',
  'city': 'Daxi District'
}, {
  'id': '336桃園市復興區',
  'zipcode': 336,
  'county': 'Taoyuan City',
  'city': 'Fuxing District'
}, {
  'id': '337桃園市大園區',
  'zipcode': 337,
  'county': 'Taoyuan City',
  'city': 'Dayuan District'
}, {
  'id': '338桃園市蘆竹區',
  'zipcode': 338,
  'county': 'Taoyuan City',
  'city': 'Luzhu District'
}, {
  'id': '350苗栗縣竹南鎮',
  'zipcode': 350,
  'county': 'Miaoli County',
  'city': 'Zhunan Township'
}, {
  'id': '351苗栗縣頭份市',
  'zipcode': 351,
  'county': 'Miaoli County',
  'city': 'Toufen Town'
}, {
  'id': '352苗栗縣三灣鄉',
  'zipcode': 352,
  'county': 'Miaoli County',
  'city': 'Sanwan Township'
}, {
  'id': '353苗栗縣南庄鄉',
  'zipcode': 353,
  'county': 'Miaoli County',
  'city': 'Nanzhuang Township'
}, {
  'id': '354苗栗縣獅潭鄉',
  'zipcode': 354,
  'county': 'Miaoli County',
  'city': 'Shitan Township'
}, {
  'id': '356苗栗縣後龍鎮',
  'zipcode': 356,
  'county': 'Miaoli County',
  'city': 'Houlong Township'
}, {
  'id': '357苗栗縣通霄鎮',
  'zipcode': 357,
  'county': 'Miaoli County',
  'city': 'Tongxiao Township'
}, {
  'id': '358苗栗縣苑裡鎮',
  'zipcode': 358,
  'county': 'Miaoli County',
  'city': 'Yuanli Township'
}, {
  'id': '360苗栗縣苗栗市',
  'zipcode': 360,
  'county': 'Miaoli County',
  'city': 'Miaoli City'
}, {
  'id': '361苗栗縣造橋鄉',
  'zipcode': 361,
  'county': 'Miaoli County',
  'city': 'Zaoqiao Township'
}, {
  'id': '362苗栗縣頭屋鄉',
  'zipcode': 362,
  'county': 'Miaoli County',
  'city': 'Touwu Township'
}, {
  'id': '363苗栗縣公館鄉',
  'zipcode': 363,
  'county': 'Miaoli County',
  'city': 'Gongguan Township'
}, {
  'id': '364苗栗縣大湖鄉',
  'zipcode': 364,
  'county': 'Miaoli County',
  'city': 'Dahu Township'
}, {
  'id': '365苗栗縣泰安鄉',
  'zipcode': 365,
  'county': 'Miaoli County',
  'city': "Tai'an Township"
}, {
  'id': '366苗栗縣銅鑼鄉',
  'zipcode': 366,
  'county': 'Miaoli County',
  'city': 'Tongluo Township'
}, {
  'id': '367苗栗縣三義鄉',
  'zipcode': 367,
  'county': 'Miaoli County',
  'city': 'Sanyi Township'
}, {
  'id': '368苗栗縣西湖鄉',
  'zipcode': 368,
  'county': 'Miaoli County',
  'city': 'Xihu Township'
}, {
  'id': '369苗栗縣卓蘭鎮',
  'zipcode': 369,
  'county': 'Miaoli County',
  'city': 'Zhuolan Township'
}, {
  'id': '400臺中市中區',
  'zipcode': 400,
  'county': 'Taichung City',
  'city': 'Central District'
}, {
  'id': '401臺中市東區',
  'zipcode': 401,
  'county': 'Taichung City',
  'city': 'East District'
}, {
  'id': '402臺中市南區',
  'zipcode': 402,
  'county': 'Taichung City',
  'city': 'South District'
}, {
  'id': '403臺中市西區',
  'zipcode': 403,
  'county': 'Taichung City',
  'city': 'West District'
}, {
  'id': '404臺中市北區',
  'zipcode': 404,
  'county': 'Taichung City',
  'city': 'North District'
}, {
  'id': '406臺中市北屯區',
  'zipcode': 406,
  'county': 'Taichung City',
  'city': 'Beitun District'
}, {
  'id': '407臺中市西屯區',
  'zipcode': 407,
  'county': 'Taichung City',
  'city': 'Xitun District'
}, {
  'id': '408臺中市南屯區',
  'zipcode': 408,
  'county': 'Taichung City',
  'city': 'Nantun District'
}, {
  'id': '411臺中市太平區',
  'zipcode': 411,
  'county': 'Taichung City',
  'city': 'Taiping District'
}, {
  'id': '412臺中市大里區',
  'zipcode': 412,
  'county': 'Taichung City',
  'city': 'Dali District'
}, {
  'id': '413臺中市霧峰區',
  'zipcode': 413,
  'county': 'Taichung City',
  'city': 'Wufeng District'
}, {
  'id': '414臺中市烏日區',
  'zipcode': 414,
  'county': 'Taichung City',
  'city': 'Wuri District'
}, {
  'id': '420臺中市豐原區',
  'zipcode': 420,
  'county': 'Taichung City',
  'city': 'Fengyuan District'
}, {
  'id': '421臺中市后里區',
  'zipcode': 421,
  'county': 'Taichung City',
  'city': 'Houli District'
}, {
  'id': '422臺中市石岡區',
  'zipcode': 422,
  'county': 'Taichung City',
  'city': 'Shigang District'
}, {
  'id': '423臺中市東勢區',
  'zipcode': 423,
  'county': 'Taichung City',
  'city': 'Dongshi District'
}, {
  'id': '424臺中市和平區',
  'zipcode': 424,
  'county': 'Taichung City',
  'city': 'Heping District'
}, {
  'id': '426臺中市新社區',
  'zipcode': 426,
  'county': 'Taichung City',
  'city': 'Xinshe District'
}, {
  'id': '427臺中市潭子區',
  'zipcode': 427,
  'county': 'Taichung City',
  'city': 'Tanzi District'
}, {
  'id': '428臺中市大雅區',
  'zipcode': 428,
  'county': 'Taichung City',
  'city': 'Daya District'
}, {
  'id': '429臺中市神岡區',
  'zipcode': 429,
  'county': 'Taichung City',
  'city': 'Shengang District'
}, {
  'id': '432臺中市大肚區',
  'zipcode': 432,
  'county': 'Taichung City',
  'city': 'Dadu District'
}, {
  'id': '433臺中市沙鹿區',
  'zipcode': 433,
  'county': 'Taichung City',
  'city': 'Shalu District'
}, {
  'id': '434臺中市龍井區',
  'zipcode': 434,
  'county': 'Taichung City',
  'city': 'Longjing District'
}, {
  'id': '435臺中市梧棲區',
  'zipcode': 435,
  'county': 'Taichung City',
  'city': 'Wuqi District'
}, {
  'id': '436臺中市清水區',
  'zipcode': 436,
  'county': 'Taichung City',
  'city': 'Qingshui District'
}, {
  'id': '437臺中市大甲區',
  'zipcode': 437,
  'county': 'Taichung City',
  'city': 'Dajia District'
}, {
  'id': '438臺中市外埔區',
  'zipcode': 438,
  'county': 'Taichung City',
  'city': 'Waipu District'
}, {
  'id': '439臺中市大安區',
  'zipcode': 439,
  'county': 'Taichung City',
  'city': "Da'an District"
}, {
  'id': '500彰化縣彰化市',
  'zipcode': 500,
  'county': 'Changhua County',
  'city': 'Changhua City'
}, {
  'id': '502彰化縣芬園鄉',
  'zipcode': 502,
  'county': 'Changhua County',
  'city': 'Fenyuan Township'
}, {
  'id': '503彰化縣花壇鄉',
  'zipcode': 503,
  'county': 'Changhua County',
  'city': 'Huatan Township'
}, {
  'id': '504彰化縣秀水鄉',
  'zipcode': 504,
  'county': 'Changhua County',
  'city': 'Xiushui Township'
}, {
  'id': '505彰化縣鹿港鎮',
  'zipcode': 505,
  'county': 'Changhua County',
  'city': 'Lukang Township'
}, {
  'id': '506彰化縣福興鄉',
  'zipcode': 506,
  'county': 'Changhua County',
  'city': 'Fuxing Township'
}, {
  'id': '507彰化縣線西鄉',
  'zipcode': 507,
  'county': 'Changhua County',
  'city': 'Xianxi Township'
}, {
  'id': '508彰化縣和美鎮',
  'zipcode': 508,
  'county': 'Changhua County',
  'city': 'Hemei Township'
}, {
  'id': '509彰化縣伸港鄉',
  'zipcode': 509,
  'county': 'Changhua County',
  'city': 'Shengang Township'
}, {
  'id': '510彰化縣員林市',
  'zipcode': 510,
  'county': 'Changhua County',
  'city': 'Yuanlin市'
}, {
  'id': '511彰化縣社頭鄉',
  'zipcode': 511,
  'county': 'Changhua County',
  'city': 'Shetou Township'
}, {
  'id': '512彰化縣永靖鄉',
  'zipcode': 512,
  'county': 'Changhua County',
  'city': 'Yongjing Township'
}, {
  'id': '513彰化縣埔心鄉',
  'zipcode': 513,
  'county': 'Changhua County',
  'city': 'Puxin Township'
}, {
  'id': '514彰化縣溪湖鎮',
  'zipcode': 514,
  'county': 'Changhua County',
  'city': 'Xihu Township'
}, {
  'id': '515彰化縣大村鄉',
  'zipcode': 515,
  'county': 'Changhua County',
  'city': 'Dacun Township'
}, {
  'id': '516彰化縣埔鹽鄉',
  'zipcode': 516,
  'county': 'Changhua County',
  'city': 'Puyan Township'
}, {
  'id': '520彰化縣田中鎮',
  'zipcode': 520,
  'county': 'Changhua County',
  'city': 'Tianzhong Township'
}, {
  'id': '521彰化縣北斗鎮',
  'zipcode': 521,
  'county': 'Changhua County',
  'city': 'Beidu Township'
}, {
  'id': '522彰化縣田尾鄉',
  'zipcode': 522,
  'county': 'Changhua County',
  'city': 'Tianwei Township'
}, {
  'id': '523彰化縣埤頭鄉',
  'zipcode': 523,
  'county': 'Changhua County',
  'city': 'Pitou Township'
}, {
  'id': '524彰化縣溪州鄉',
  'zipcode': 524,
  'county': 'Changhua County',
  'city': 'Xizhou Township'
}, {
  'id': '525彰化縣竹塘鄉',
  'zipcode': 525,
  'county': 'Changhua County',
  'city': 'Zhutang Township'
}, {
  'id': '526彰化縣二林鎮',
  'zipcode': 526,
  'county': 'Changhua County',
  'city': 'Erlin Township'
}, {
  'id': '527彰化縣大城鄉',
  'zipcode': 527,
  'county': 'Changhua County',
  'city': 'Dacheng Township'
}, {
  'id': '528彰化縣芳苑鄉',
  'zipcode': 528,
  'county': 'Changhua County',
  'city': 'Fangyuan Township'
}, {
  'id': '530彰化縣二水鄉',
  'zipcode': 530,
  'county': 'Changhua County',
  'city': 'Ershui Township'
}, {
  'id': '540南投縣南投市',
  'zipcode': 540,
  'county': 'Nantou County',
  'city': 'Nantou City'
}, {
  'id': '541南投縣中寮鄉',
  'zipcode': 541,
  'county': 'Nantou County',
  'city': 'Zhongliao Township'
}, {
  'id': '542南投縣草屯鎮',
  'zipcode': 542,
  'county': 'Nantou County',
  'city': 'Caotun Township'
}, {
  'id': '544南投縣國姓鄉',
  'zipcode': 544,
  'county': 'Nantou County',
  'city': 'Guoxing Township'
}, {
  'id': '545南投縣埔里鎮',
  'zipcode': 545,
  'county': 'Nantou County',
  'city': 'Puli Township'
}, {
  'id': '546南投縣仁愛鄉',
  'zipcode': 546,
  'county': 'Nantou County',
  'city': "Ren'ai Township"
}, {
  'id': '551南投縣名間鄉',
  'zipcode': 551,
  'county': 'Nantou County',
  'city': 'Mingjian Township'
}, {
  'id': '552南投縣集集鎮',
  'zipcode': 552,
  'county': 'Nantou County',
  'city': 'Jiji Township'
}, {
  'id': '553南投縣水里鄉',
  'zipcode': 553,
  'county': 'Nantou County',
  'city': 'Shuili Township'
}, {
  'id': '555南投縣魚池鄉',
  'zipcode': 555,
  'county': 'Nantou County',
  'city': 'Yuchi Township'
}, {
  'id': '556南投縣信義鄉',
  'zipcode': 556,
  'county': 'Nantou County',
  'city': 'Xinyi Township'
}, {
  'id': '557南投縣竹山鎮',
  'zipcode': 557,
  'county': 'Nantou County',
  'city': 'Zhushan Township'
}, {
  'id': '558南投縣鹿谷鄉',
  'zipcode': 558,
  'county': 'Nantou County',
  'city': 'Lugu Township'
}, {
  'id': '600嘉義市東區',
  'zipcode': 600,
  'county': 'Chiayi City',
  'city': 'East District'
}, {
  'id': '600嘉義市西區',
  'zipcode': 600,
  'county': 'Chiayi City',
  'city': 'West District'
}, {
  'id': '602嘉義縣番路鄉',
  'zipcode': 602,
  'county': 'Chiayi County',
  'city': 'Fanlu Township'
}, {
  'id': '603嘉義縣梅山鄉',
  'zipcode': 603,
  'county': 'Chiayi County',
  'city': 'Meishan Township'
}, {
  'id': '604嘉義縣竹崎鄉',
  'zipcode': 604,
  'county': 'Chiayi County',
  'city': 'Zhuqi Township'
}, {
  'id': '605嘉義縣阿里山鄉',
  'zipcode': 605,
  'county': 'Chiayi County',
  'city': 'Alishan Township'
}, {
  'id': '606嘉義縣中埔鄉',
  'zipcode': 606,
  'county': 'Chiayi County',
  'city': 'Zhongpu Township'
}, {
  'id': '607嘉義縣大埔鄉',
  'zipcode': 607,
  'county': 'Chiayi County',
  'city': 'Dapu Township'
}, {
  'id': '608嘉義縣水上鄉',
  'zipcode': 608,
  'county': 'Chiayi County',
  'city': 'Shuishang Township'
}, {
  'id': '611嘉義縣鹿草鄉',
  'zipcode': 611,
  'county': 'Chiayi County',
  'city': 'Lucao Township'
}, {
  'id': '612嘉義縣太保市',
  'zipcode': 612,
  'county': 'Chiayi County',
  'city': 'Taibao City'
}, {
  'id': '613嘉義縣朴子市',
  'zipcode': 613,
  'county': 'Chiayi County',
  'city': 'Puzi City'
}, {
  'id': '614嘉義縣東石鄉',
  'zipcode': 614,
  'county': 'Chiayi County',
  'city': 'Dongshi Township'
}, {
  'id': '615嘉義縣六腳鄉',
  'zipcode': 615,
  'county': 'Chiayi County',
  'city': 'Liujiao Township'
}, {
  'id': '616嘉義縣新港鄉',
  'zipcode': 616,
  'county': 'Chiayi County',
  'city': 'Xingang Township'
}, {
  'id': '621嘉義縣民雄鄉',
  'zipcode': 621,
  'county': 'Chiayi County',
  'city': 'Minxiong Township'
}, {
  'id': '622嘉義縣大林鎮',
  'zipcode': 622,
  'county': 'Chiayi County',
  'city': 'Dalin Township'
}, {
  'id': '623嘉義縣溪口鄉',
  'zipcode': 623,
  'county': 'Chiayi County',
  'city': 'Xikou Township'
}, {
  'id': '624嘉義縣義竹鄉',
  'zipcode': 624,
  'county': 'Chiayi County',
  'city': 'Yizhu Township'
}, {
  'id': '625嘉義縣布袋鎮',
  'zipcode': 625,
  'county': 'Chiayi County',
  'city': 'Budai Township'
}, {
  'id': '630雲林縣斗南鎮',
  'zipcode': 630,
  'county': 'Yunlin County',
  'city': 'Dounan Township'
}, {
  'id': '631雲林縣大埤鄉',
  'zipcode': 631,
  'county': 'Yunlin County',
  'city': 'Dapi Township'
}, {
  'id': '632雲林縣虎尾鎮',
  'zipcode': 632,
  'county': 'Yunlin County',
  'city': 'Huwei Township'
}, {
  'id': '633雲林縣土庫鎮',
  'zipcode': 633,
  'county': 'Yunlin County',
  'city': 'Tuku Township'
}, {
  'id': '634雲林縣褒忠鄉',
  'zipcode': 634,
  'county': 'Yunlin County',
  'city': 'Baozhong Township'
}, {
  'id': '635雲林縣東勢鄉',
  'zipcode': 635,
  'county': 'Yunlin County',
  'city': 'Dongshi Township'
}, {
  'id': '636雲林縣臺西鄉',
  'zipcode': 636,
  'county': 'Yunlin County',
  'city': 'Taixi Township'
}, {
  'id': '637雲林縣崙背鄉',
  'zipcode': 637,
  'county': 'Yunlin County',
  'city': 'Lunbei Township'
}, {
  'id': '638雲林縣麥寮鄉',
  'zipcode': 638,
  'county': 'Yunlin County',
  'city': 'Mailiao Township'
}, {
  'id': '640雲林縣斗六市',
  'zipcode': 640,
  'county': 'Yunlin County',
  'city': 'Douliu City'
}, {
  'id': '643雲林縣林內鄉',
  'zipcode': 643,
  'county': 'Yunlin County',
  'city': 'Linnei Township'
}, {
  'id': '646雲林縣古坑鄉',
  'zipcode': 646,
  'county': 'Yunlin County',
  'city': 'Gukeng Township'
}, {
  'id': '647雲林縣莿桐鄉',
  'zipcode': 647,
  'county': 'Yunlin County',
  'city': 'Citong Township'
}, {
  'id': '648雲林縣西螺鎮',
  'zipcode': 648,
  'county': 'Yunlin County',
  'city': 'Xiluo Township'
}, {
  'id': '649雲林縣二崙鄉',
  'zipcode': 649,
  'county': 'Yunlin County',
  'city': 'Erlun Township'
}, {
  'id': '651雲林縣北港鎮',
  'zipcode': 651,
  'county': 'Yunlin County',
  'city': 'Beigang Township'
}, {
  'id': '652雲林縣水林鄉',
  'zipcode': 652,
  'county': 'Yunlin County',
  'city': 'Shuilin Township'
}, {
  'id': '653雲林縣口湖鄉',
  'zipcode': 653,
  'county': 'Yunlin County',
  'city': 'Kouhu Township'
}, {
  'id': '654雲林縣四湖鄉',
  'zipcode': 654,
  'county': 'Yunlin County',
  'city': 'Sihu Township'
}, {
  'id': '655雲林縣元長鄉',
  'zipcode': 655,
  'county': 'Yunlin County',
  'city': 'Yuanchang Township'
}, {
  'id': '700臺南市中西區',
  'zipcode': 700,
  'county': 'Tainan City',
  'city': 'West Central District'
}, {
  'id': '701臺南市東區',
  'zipcode': 701,
  'county': 'Tainan City',
  'city': 'East District'
}, {
  'id': '702臺南市南區',
  'zipcode': 702,
  'county': 'Tainan City',
  'city': 'South District'
}, {
  'id': '704臺南市北區',
  'zipcode': 704,
  'county': 'Tainan City',
  'city': 'North District'
}, {
  'id': '708臺南市安平區',
  'zipcode': 708,
  'county': 'Tainan City',
  'city': 'Anping District'
}, {
  'id': '709臺南市安南區',
  'zipcode': 709,
  'county': 'Tainan City',
  'city': 'Annan District'
}, {
  'id': '710臺南市永康區',
  'zipcode': 710,
  'county': 'Tainan City',
  'city': 'Yongkang District'
}, {
  'id': '711臺南市歸仁區',
  'zipcode': 711,
  'county': 'Tainan City',
  'city': 'Guiren District'
}, {
  'id': '712臺南市新化區',
  'zipcode': 712,
  'county': 'Tainan City',
  'city': 'Xinhua District'
}, {
  'id': '713臺南市左鎮區',
  'zipcode': 713,
  'county': 'Tainan City',
  'city': 'Zuozhen District'
}, {
  'id': '714臺南市玉井區',
  'zipcode': 714,
  'county': 'Tainan City',
  'city': 'Yujing District'
}, {
  'id': '715臺南市楠西區',
  'zipcode': 715,
  'county': 'Tainan City',
  'city': 'Nanxi District'
}, {
  'id': '716臺南市南化區',
  'zipcode': 716,
  'county': 'Tainan City',
  'city': 'Nanhua District'
}, {
  'id': '717臺南市仁德區',
  'zipcode': 717,
  'county': 'Tainan City',
  'city': 'Rende District'
}, {
  'id': '718臺南市關廟區',
  'zipcode': 718,
  'county': 'Tainan City',
  'city': 'Guanmiao District'
}, {
  'id': '719臺南市龍崎區',
  'zipcode': 719,
  'county': 'Tainan City',
  'city': 'Longqi District'
}, {
  'id': '720臺南市官田區',
  'zipcode': 720,
  'county': 'Tainan City',
  'city': 'Guantian District'
}, {
  'id': '721臺南市麻豆區',
  'zipcode': 721,
  'county': 'Tainan City',
  'city': 'Madou District'
}, {
  'id': '722臺南市佳里區',
  'zipcode': 722,
  'county': 'Tainan City',
  'city': 'Jiali District'
}, {
  'id': '723臺南市西港區',
  'zipcode': 723,
  'county': 'Tainan City',
  'city': 'Xigang District'
}, {
  'id': '724臺南市七股區',
  'zipcode': 724,
  'county': 'Tainan City',
  'city': 'Qigu District'
}, {
  'id': '725臺南市將軍區',
  'zipcode': 725,
  'county': 'Tainan City',
  'city': 'Jiangjun District'
}, {
  'id': '726臺南市學甲區',
  'zipcode': 726,
  'county': 'Tainan City',
  'city': 'Xuejia District'
}, {
  'id': '727臺南市北門區',
  'zipcode': 727,
  'county': 'Tainan City',
  'city': 'Beimen District'
}, {
  'id': '730臺南市新營區',
  'zipcode': 730,
  'county': 'Tainan City',
  'city': 'Xinying District'
}, {
  'id': '731臺南市後壁區',
  'zipcode': 731,
  'county': 'Tainan City',
  'city': 'Houbi District'
}, {
  'id': '732臺南市白河區',
  'zipcode': 732,
  'county': 'Tainan City',
  'city': 'Baihe District'
}, {
  'id': '733臺南市東山區',
  'zipcode': 733,
  'county': 'Tainan City',
  'city': 'Dongshan District'
}, {
  'id': '734臺南市六甲區',
  'zipcode': 734,
  'county': 'Tainan City',
  'city': 'Liujia District'
}, {
  'id': '735臺南市下營區',
  'zipcode': 735,
  'county': 'Tainan City',
  'city': 'Xiaying District'
}, {
  'id': '736臺南市柳營區',
  'zipcode': 736,
  'county': 'Tainan City',
  'city': 'Liuying District'
}, {
  'id': '737臺南市鹽水區',
  'zipcode': 737,
  'county': 'Tainan City',
  'city': 'Yanshui District'
}, {
  'id': '741臺南市善化區',
  'zipcode': 741,
  'county': 'Tainan City',
  'city': 'Shanhua District'
}, {
  'id': '742臺南市大內區',
  'zipcode': 742,
  'county': 'Tainan City',
  'city': 'Danei District'
}, {
  'id': '743臺南市山上區',
  'zipcode': 743,
  'county': 'Tainan City',
  'city': 'Shanshang District'
}, {
  'id': '744臺南市新市區',
  'zipcode': 744,
  'county': 'Tainan City',
  'city': 'Xinshi District'
}, {
  'id': '745臺南市安定區',
  'zipcode': 745,
  'county': 'Tainan City',
  'city': 'Anding District'
}, {
  'id': '800高雄市新興區',
  'zipcode': 800,
  'county': 'Kaohsiung City',
  'city': 'Xinxing District'
}, {
  'id': '801高雄市前金區',
  'zipcode': 801,
  'county': 'Kaohsiung City',
  'city': 'Qianjin District'
}, {
  'id': '802高雄市苓雅區',
  'zipcode': 802,
  'county': 'Kaohsiung City',
  'city': 'Lingya District'
}, {
  'id': '803高雄市鹽埕區',
  'zipcode': 803,
  'county': 'Kaohsiung City',
  'city': 'Yancheng District'
}, {
  'id': '804高雄市鼓山區',
  'zipcode': 804,
  'county': 'Kaohsiung City',
  'city': 'Gushan District'
}, {
  'id': '805高雄市旗津區',
  'zipcode': 805,
  'county': 'Kaohsiung City',
  'city': 'Qijin District'
}, {
  'id': '806高雄市前鎮區',
  'zipcode': 806,
  'county': 'Kaohsiung City',
  'city': 'Qianzhen District'
}, {
  'id': '807高雄市三民區',
  'zipcode': 807,
  'county': 'Kaohsiung City',
  'city': 'Sanmin District'
}, {
  'id': '811高雄市楠梓區',
  'zipcode': 811,
  'county': 'Kaohsiung City',
  'city': 'Nanzi District'
}, {
  'id': '812高雄市小港區',
  'zipcode': 812,
  'county': 'Kaohsiung City',
  'city': 'Xiaogang District'
}, {
  'id': '813高雄市左營區',
  'zipcode': 813,
  'county': 'Kaohsiung City',
  'city': 'Zouying District'
}, {
  'id': '814高雄市仁武區',
  'zipcode': 814,
  'county': 'Kaohsiung City',
  'city': 'Renwu District'
}, {
  'id': '815高雄市大社區',
  'zipcode': 815,
  'county': 'Kaohsiung City',
  'city': 'Dashe District'
}, {
  'id': '820高雄市岡山區',
  'zipcode': 820,
  'county': 'Kaohsiung City',
  'city': 'Gangshan District'
}, {
  'id': '821高雄市路竹區',
  'zipcode': 821,
  'county': 'Kaohsiung City',
  'city': 'Luzhu District'
}, {
  'id': '822高雄市阿蓮區',
  'zipcode': 822,
  'county': 'Kaohsiung City',
  'city': 'Alian District'
}, {
  'id': '823高雄市田寮區',
  'zipcode': 823,
  'county': 'Kaohsiung City',
  'city': 'Tianliao District'
}, {
  'id': '824高雄市燕巢區',
  'zipcode': 824,
  'county': 'Kaohsiung City',
  'city': 'Yanchao District'
}, {
  'id': '825高雄市橋頭區',
  'zipcode': 825,
  'county': 'Kaohsiung City',
  'city': 'Qiaotou District'
}, {
  'id': '826高雄市梓官區',
  'zipcode': 826,
  'county': 'Kaohsiung City',
  'city': 'Ziguan District'
}, {
  'id': '827高雄市彌陀區',
  'zipcode': 827,
  'county': 'Kaohsiung City',
  'city': 'Mituo District'
}, {
  'id': '828高雄市永安區',
  'zipcode': 828,
  'county': 'Kaohsiung City',
  'city': "Yong'an District"
}, {
  'id': '829高雄市湖內區',
  'zipcode': 829,
  'county': 'Kaohsiung City',
  'city': 'Hunei District'
}, {
  'id': '830高雄市鳳山區',
  'zipcode': 830,
  'county': 'Kaohsiung City',
  'city': 'Fengshan District'
}, {
  'id': '831高雄市大寮區',
  'zipcode': 831,
  'county': 'Kaohsiung City',
  'city': 'Daliao District'
}, {
  'id': '832高雄市林園區',
  'zipcode': 832,
  'county': 'Kaohsiung City',
  'city': 'Linyuan District'
}, {
  'id': '833高雄市鳥松區',
  'zipcode': 833,
  'county': 'Kaohsiung City',
  'city': 'Niaosong District'
}, {
  'id': '840高雄市大樹區',
  'zipcode': 840,
  'county': 'Kaohsiung City',
  'city': 'Dashu District'
}, {
  'id': '842高雄市旗山區',
  'zipcode': 842,
  'county': 'Kaohsiung City',
  'city': 'Qishan District'
}, {
  'id': '843高雄市美濃區',
  'zipcode': 843,
  'county': 'Kaohsiung City',
  'city': 'Meinong District'
}, {
  'id': '844高雄市六龜區',
  'zipcode': 844,
  'county': 'Kaohsiung City',
  'city': 'Liugui District'
}, {
  'id': '845高雄市內門區',
  'zipcode': 845,
  'county': 'Kaohsiung City',
  'city': 'Neimen District'
}, {
  'id': '846高雄市杉林區',
  'zipcode': 846,
  'county': 'Kaohsiung City',
  'city': 'Shanlin District'
}, {
  'id': '847高雄市甲仙區',
  'zipcode': 847,
  'county': 'Kaohsiung City',
  'city': 'Jiaxian District'
}, {
  'id': '848高雄市桃源區',
  'zipcode': 848,
  'county': 'Kaohsiung City',
  'city': 'Taoyuan District'
}, {
  'id': '849高雄市那瑪夏區',
  'zipcode': 849,
  'county': 'Kaohsiung City',
  'city': 'Namaxia District'
}, {
  'id': '851高雄市茂林區',
  'zipcode': 851,
  'county': 'Kaohsiung City',
  'city': 'Maolin District'
}, {
  'id': '852高雄市茄萣區',
  'zipcode': 852,
  'county': 'Kaohsiung City',
  'city': 'Qieding District'
}, {
  'id': '817高雄市東沙群島',
  'zipcode': 817,
  'county': 'Kaohsiung City',
  'city': 'Dongsha Islands'
}, {
  'id': '819高雄市南沙群島',
  'zipcode': 819,
  'county': 'Kaohsiung City',
  'city': 'Spratly Islands'
}, {
  'id': '880澎湖縣馬公市',
  'zipcode': 880,
  'county': 'Penghu County',
  'city': 'Magong City'
}, {
  'id': '881澎湖縣西嶼鄉',
  'zipcode': 881,
  'county': 'Penghu County',
  'city': 'Xiyu Township'
}, {
  'id': '882澎湖縣望安鄉',
  'zipcode': 882,
  'county': 'Penghu County',
  'city': "Wang'an Township"
}, {
  'id': '883澎湖縣七美鄉',
  'zipcode': 883,
  'county': 'Penghu County',
  'city': 'Qimei Township'
}, {
  'id': '884澎湖縣白沙鄉',
  'zipcode': 884,
  'county': 'Penghu County',
  'city': 'Baisha Township'
}, {
  'id': '885澎湖縣湖西鄉',
  'zipcode': 885,
  'county': 'Penghu County',
  'city': 'Huxi Township'
}, {
  'id': '900屏東縣屏東市',
  'zipcode': 900,
  'county': 'Pingtung County',
  'city': 'Pingdong City'
}, {
  'id': '901屏東縣三地門鄉',
  'zipcode': 901,
  'county': 'Pingtung County',
  'city': 'Sandimen Township'
}, {
  'id': '902屏東縣霧臺鄉',
  'zipcode': 902,
  'county': 'Pingtung County',
  'city': 'Wutai Township'
}, {
  'id': '903屏東縣瑪家鄉',
  'zipcode': 903,
  'county': 'Pingtung County',
  'city': 'Majia Township'
}, {
  'id': '904屏東縣九如鄉',
  'zipcode': 904,
  'county': 'Pingtung County',
  'city': 'Jiuru Township'
}, {
  'id': '905屏東縣里港鄉',
  'zipcode': 905,
  'county': 'Pingtung County',
  'city': 'Ligang Township'
}, {
  'id': '906屏東縣高樹鄉',
  'zipcode': 906,
  'county': 'Pingtung County',
  'city': 'Gaoshu Township'
}, {
  'id': '907屏東縣鹽埔鄉',
  'zipcode': 907,
  'county': 'Pingtung County',
  'city': 'Yanpu Township'
}, {
  'id': '908屏東縣長治鄉',
  'zipcode': 908,
  'county': 'Pingtung County',
  'city': 'Changzhi Township'
}, {
  'id': '909屏東縣麟洛鄉',
  'zipcode': 909,
  'county': 'Pingtung County',
  'city': 'Linluo Township'
}, {
  'id': '911屏東縣竹田鄉',
  'zipcode': 911,
  'county': 'Pingtung County',
  'city': 'Zhutian Township'
}, {
  'id': '912屏東縣內埔鄉',
  'zipcode': 912,
  'county': 'Pingtung County',
  'city': 'Neipu Township'
}, {
  'id': '913屏東縣萬丹鄉',
  'zipcode': 913,
  'county': 'Pingtung County',
  'city': 'Wandan Township'
}, {
  'id': '920屏東縣潮州鎮',
  'zipcode': 920,
  'county': 'Pingtung County',
  'city': 'Chaozhou Township'
}, {
  'id': '921屏東縣泰武鄉',
  'zipcode': 921,
  'county': 'Pingtung County',
  'city': 'Taiwu Township'
}, {
  'id': '922屏東縣來義鄉',
  'zipcode': 922,
  'county': 'Pingtung County',
  'city': 'Laiyi Township'
}, {
  'id': '923屏東縣萬巒鄉',
  'zipcode': 923,
  'county': 'Pingtung County',
  'city': 'Wanluan Township'
}, {
  'id': '924屏東縣崁頂鄉',
  'zipcode': 924,
  'county': 'Pingtung County',
  'city': 'Kanding Township'
}, {
  'id': '925屏東縣新埤鄉',
  'zipcode': 925,
  'county': 'Pingtung County',
  'city': 'Xinpi Township'
}, {
  'id': '926屏東縣南州鄉',
  'zipcode': 926,
  'county': 'Pingtung County',
  'city': 'Nanzhou Township'
}, {
  'id': '927屏東縣林邊鄉',
  'zipcode': 927,
  'county': 'Pingtung County',
  'city': 'Linbian Township'
}, {
  'id': '928屏東縣東港鎮',
  'zipcode': 928,
  'county': 'Pingtung County',
  'city': 'Donggang Township'
}, {
  'id': '929屏東縣琉球鄉',
  'zipcode': 929,
  'county': 'Pingtung County',
  'city': 'Liuqiu Township'
}, {
  'id': '931屏東縣佳冬鄉',
  'zipcode': 931,
  'county': 'Pingtung County',
  'city': 'Jiadong Township'
}, {
  'id': '932屏東縣新園鄉',
  'zipcode': 932,
  'county': 'Pingtung County',
  'city': 'Xinyuan Township'
}, {
  'id': '940屏東縣枋寮鄉',
  'zipcode': 940,
  'county': 'Pingtung County',
  'city': 'Fangliao Township'
}, {
  'id': '941屏東縣枋山鄉',
  'zipcode': 941,
  'county': 'Pingtung County',
  'city': 'Fangshan Township'
}, {
  'id': '942屏東縣春日鄉',
  'zipcode': 942,
  'county': 'Pingtung County',
  'city': 'Chunri Township'
}, {
  'id': '943屏東縣獅子鄉',
  'zipcode': 943,
  'county': 'Pingtung County',
  'city': 'Shizi Township'
}, {
  'id': '944屏東縣車城鄉',
  'zipcode': 944,
  'county': 'Pingtung County',
  'city': 'Checheng Township'
}, {
  'id': '945屏東縣牡丹鄉',
  'zipcode': 945,
  'county': 'Pingtung County',
  'city': 'Mudan Township'
}, {
  'id': '946屏東縣恆春鎮',
  'zipcode': 946,
  'county': 'Pingtung County',
  'city': 'Hengchu Township'
}, {
  'id': '947屏東縣滿州鄉',
  'zipcode': 947,
  'county': 'Pingtung County',
  'city': 'Manzhou Township'
}, {
  'id': '950臺東縣臺東市',
  'zipcode': 950,
  'county': 'Taitung County',
  'city': 'Taitung City'
}, {
  'id': '951臺東縣綠島鄉',
  'zipcode': 951,
  'county': 'Taitung County',
  'city': 'Ludao Township'
}, {
  'id': '952臺東縣蘭嶼鄉',
  'zipcode': 952,
  'county': 'Taitung County',
  'city': 'Lanyu Township'
}, {
  'id': '953臺東縣延平鄉',
  'zipcode': 953,
  'county': 'Taitung County',
  'city': 'Yangping Township'
}, {
  'id': '954臺東縣卑南鄉',
  'zipcode': 954,
  'county': 'Taitung County',
  'city': 'Beinan Township'
}, {
  'id': '955臺東縣鹿野鄉',
  'zipcode': 955,
  'county': 'Taitung County',
  'city': 'Luye Township'
}, {
  'id': '956臺東縣關山鎮',
  'zipcode': 956,
  'county': 'Taitung County',
  'city': 'Guanshan Township'
}, {
  'id': '957臺東縣海端鄉',
  'zipcode': 957,
  'county': 'Taitung County',
  'city': 'Haiduan Township'
}, {
  'id': '958臺東縣池上鄉',
  'zipcode': 958,
  'county': 'Taitung County',
  'city': 'Chishang Township'
}, {
  'id': '959臺東縣東河鄉',
  'zipcode': 959,
  'county': 'Taitung County',
  'city': 'Donghe Township'
}, {
  'id': '961臺東縣成功鎮',
  'zipcode': 961,
  'county': 'Taitung County',
  'city': 'Chenggong Township'
}, {
  'id': '962臺東縣長濱鄉',
  'zipcode': 962,
  'county': 'Taitung County',
  'city': 'Changbin Township'
}, {
  'id': '963臺東縣太麻里鄉',
  'zipcode': 963,
  'county': 'Taitung County',
  'city': 'Taimali Township'
}, {
  'id': '964臺東縣金峰鄉',
  'zipcode': 964,
  'county': 'Taitung County',
  'city': 'Jinfeng Township'
}, {
  'id': '965臺東縣大武鄉',
  'zipcode': 965,
  'county': 'Taitung County',
  'city': 'Dawu Township'
}, {
  'id': '966臺東縣達仁鄉',
  'zipcode': 966,
  'county': 'Taitung County',
  'city': 'Daren Township'
}, {
  'id': '970花蓮縣花蓮市',
  'zipcode': 970,
  'county': 'Hualien County',
  'city': 'Hualien City'
}, {
  'id': '971花蓮縣新城鄉',
  'zipcode': 971,
  'county': 'Hualien County',
  'city': 'Xincheng Township'
}, {
  'id': '972花蓮縣秀林鄉',
  'zipcode': 972,
  'county': 'Hualien County',
  'city': 'Xiulin Township'
}, {
  'id': '973花蓮縣吉安鄉',
  'zipcode': 973,
  'county': 'Hualien County',
  'city': "Ji'an Township"
}, {
  'id': '974花蓮縣壽豐鄉',
  'zipcode': 974,
  'county': 'Hualien County',
  'city': 'Shoufeng Township'
}, {
  'id': '975花蓮縣鳳林鎮',
  'zipcode': 975,
  'county': 'Hualien County',
  'city': 'Fenglin Township'
}, {
  'id': '976花蓮縣光復鄉',
  'zipcode': 976,
  'county': 'Hualien County',
  'city': 'Guangfu Township'
}, {
  'id': '977花蓮縣豐濱鄉',
  'zipcode': 977,
  'county': 'Hualien County',
  'city': 'Fengbin Township'
}, {
  'id': '978花蓮縣瑞穗鄉',
  'zipcode': 978,
  'county': 'Hualien County',
  'city': 'Ruisui Township'
}, {
  'id': '979花蓮縣萬榮鄉',
  'zipcode': 979,
  'county': 'Hualien County',
  'city': 'Wanrong Township'
}, {
  'id': '981花蓮縣玉里鎮',
  'zipcode': 981,
  'county': 'Hualien County',
  'city': 'Yuli Township'
}, {
  'id': '982花蓮縣卓溪鄉',
  'zipcode': 982,
  'county': 'Hualien County',
  'city': 'Zhuoxi Township'
}, {
  'id': '983花蓮縣富里鄉',
  'zipcode': 983,
  'county': 'Hualien County',
  'city': 'Fuli Township'
}, {
  'id': '890金門縣金沙鎮',
  'zipcode': 890,
  'county': 'Kinmen County',
  'city': 'Jinsha Township'
}, {
  'id': '891金門縣金湖鎮',
  'zipcode': 891,
  'county': 'Kinmen County',
  'city': 'Jinhu Township'
}, {
  'id': '892金門縣金寧鄉',
  'zipcode': 892,
  'county': 'Kinmen County',
  'city': 'Jinning Township'
}, {
  'id': '893金門縣金城鎮',
  'zipcode': 893,
  'county': 'Kinmen County',
  'city': 'Jincheng Township'
}, {
  'id': '894金門縣烈嶼鄉',
  'zipcode': 894,
  'county': 'Kinmen County',
  'city': 'Lieyu Township'
}, {
  'id': '896金門縣烏坵鄉',
  'zipcode': 896,
  'county': 'Kinmen County',
  'city': 'Wuqiu Township'
}, {
  'id': '209連江縣南竿鄉',
  'zipcode': 209,
  'county': 'Lienchiang County',
  'city': 'Nangan Township'
}, {
  'id': '210連江縣北竿鄉',
  'zipcode': 210,
  'county': 'Lienchiang County',
  'city': 'Beigan Township'
}, {
  'id': '211連江縣莒光鄉',
  'zipcode': 211,
  'county': 'Lienchiang County',
  'city': 'Juguan Township'
}, {
  'id': '212連江縣東引鄉',
  'zipcode': 212,
  'county': 'Lienchiang County',
  'city': 'Dongyin Township'
}];