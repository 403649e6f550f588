// nianbao search core: one plain ES module shared by the search page (templates/assets/search.js), the indexer
// (src/search/indexer.ts uses its tokenising and encoding) and Node queries (src/search/query.ts), so a query is
// always tokenised exactly as the index was.
//
// The index is a character n-gram inverted index, as Lucene's CJKAnalyzer builds: every Han character (unigram)
// and every pair of adjacent Han characters (bigram), plus lower-cased ASCII letter/digit words. No word
// segmentation: a query of two or more Han characters is looked up by its bigrams (all must match), a single
// character by its unigram; the exact phrase is then checked in the text of the results shown.
//
// Where a Han character and an ASCII word meet ("第33区"), the pair is a term too ("第33", "33区"), so that
// queries mixing both do not match every text with the pieces far apart.
//
// Bundle (written by src/search/indexer.ts into <prefix>search-index/):
//   manifest.json       { format, hash, dir, docs, shards, chunk, filters: [{ name, file, values, bytes }] }
//                       fetched without cache; everything else lives under <hash>/ and never changes.
//   <hash>/p<i>.bin     postings of the terms whose hash % shards == i: varint term count, then per term (sorted)
//                       varint byte length + UTF-8 term, varint doc count, varint byte length + postings.
//                       A posting is one varint ((docId - previous - 1) << 4 | titleBit << 3 | min(tf, 8) - 1).
//                       Filter values are terms too ("\u0001name\u0001value"), so filtering needs no doc data.
//   <hash>/d<k>.json    docs k*chunk .. k*chunk+chunk-1: [url, title, [values of each filter], text]
//   <hash>/f<i>.json    the values of filter i with their counts: [[value, count], …]
'use strict';

export const FORMAT = 1;
export const MANIFEST = 'manifest.json';
/** Results per page of the search page ("显示更多结果" loads the next page). */
export const PAGE = 10;

// Traditional → Simplified, one character each: the Traditional forms (OpenCC's TSCharacters) of the 3,755
// characters of GB2312 level 1, leaving out every Traditional form that is itself a GB2312 character (乾, 著, 後,
// 於 …: folding those would conflate words). Applied to the index and the query alike, so a Traditional-script
// query finds the Simplified report. Pairs: Traditional, Simplified.
const T2S = '丟丢並并亂乱亞亚佈布佔占併并來来侖仑侶侣侷局係系俠侠俬私倆俩倉仓個个們们倖幸倫伦偉伟側侧偵侦偽伪傑杰傘伞備备傢家傭佣傳传債债傷伤傾倾僅仅僑侨僕仆僞伪僥侥僱雇價价儀仪儁俊億亿儈侩儉俭儘尽償偿優优儲储兇凶兌兑兒儿內内兩两冊册冪幂凈净凍冻凜凛凱凯別别刪删則则剋克剎刹剛刚剝剥剮剐創创剷铲劃划劄札劇剧劉刘劊刽劍剑劑剂勁劲動动務务勛勋勝胜勞劳勢势勳勋勵励勸劝勻匀匯汇區区協协卹恤卻却卽即厠厕厤历厭厌厲厉參参叄叁叢丛吳吴吶呐呂吕員员唸念問问啓启啞哑啟启喚唤喪丧喫吃喬乔單单喲哟嗆呛嗎吗嗚呜嘆叹嘔呕嘗尝嘩哗嘯啸噁恶噓嘘噴喷噸吨噹当嚇吓嚐尝嚙啮嚥咽嚨咙嚮向嚴严囂嚣囌苏囑嘱囪囱國国圍围園园圓圆圖图團团垻坝埰采執执堅坚堯尧報报場场塊块塗涂塢坞塵尘塹堑墊垫墜坠墮堕墰坛墳坟墻墙墾垦壇坛壓压壘垒壜坛壞坏壟垄壩坝壯壮壺壶壽寿夠够夢梦夾夹奧奥奪夺奬奖奮奋妝妆姦奸娛娱婁娄婦妇媽妈嬌娇嬰婴嬸婶孃娘孫孙學学孿孪宮宫寀采寢寝實实寧宁審审寫写寬宽寵宠寶宝將将專专尋寻對对導导屆届屍尸屜屉屢屡層层屬属岡冈峯峰島岛峽峡崑昆崗岗崙仑嵗岁嶄崭嶺岭嶼屿嶽岳巋岿巒峦巖岩帥帅師师帳帐帶带幀帧幟帜幣币幫帮幷并幹干幾几庫库廁厕廂厢廄厩廈厦廕荫廚厨廟庙廠厂廢废廣广廬庐廳厅弔吊張张強强彆别彈弹彌弥彎弯彔录彙汇彥彦彫雕彿佛徑径從从復复徹彻恆恒恥耻悅悦悶闷悽凄惡恶惱恼愛爱慄栗態态慘惨慚惭慣惯慫怂慮虑慶庆慼戚慾欲憂忧憊惫憐怜憑凭憚惮憤愤憫悯憲宪憶忆懇恳應应懞蒙懲惩懶懒懷怀懸悬懼惧懾慑戀恋戰战戲戏戶户扞捍拋抛挾挟捨舍捲卷掃扫掄抡掙挣掛挂採采揀拣揚扬換换揮挥損损搖摇搗捣搧扇搶抢摟搂摯挚摳抠摻掺撈捞撐撑撓挠撣掸撥拨撫抚撲扑撻挞撾挝撿捡擁拥擄掳擇择擊击擋挡擔担據据擠挤擡抬擣捣擬拟擯摈擰拧擱搁擲掷擴扩擺摆擻擞擾扰攆撵攏拢攔拦攙搀攜携攝摄攢攒攣挛攤摊攪搅攬揽敎教敗败敘叙敵敌數数斂敛斃毙斬斩斷断旂旗旣既昇升時时晉晋晝昼暈晕暢畅暫暂曆历曉晓曏向曠旷曬晒書书會会朮术東东枴拐柵栅柺拐査查桿杆條条棄弃棊棋棗枣棟栋棧栈棲栖楊杨楓枫業业極极榦干榮荣構构槍枪槓杠槳桨樁桩樂乐樑梁樓楼標标樞枢樣样樸朴樹树橋桥機机橢椭橫横檔档檢检檯台檸柠檻槛櫃柜櫥橱櫻樱欄栏權权欽钦歎叹歐欧歡欢歲岁歷历歸归殘残殭僵殲歼殺杀殻壳殼壳毀毁毆殴氈毡氣气氫氢氾泛汎泛汙污決决沒没沖冲況况泝溯洩泄洶汹涼凉淒凄淚泪淨净淩凌淪沦淵渊淺浅渙涣減减渦涡測测渾浑湊凑湧涌湯汤準准溝沟溫温溼湿滄沧滅灭滌涤滙汇滬沪滯滞滲渗滷卤滾滚滿满漁渔漚沤漢汉漣涟漬渍漲涨漸渐漿浆潑泼潔洁潛潜潤润潰溃澀涩澆浇澇涝澗涧澤泽澱淀濁浊濃浓濕湿濘泞濛蒙濟济濤涛濫滥濰潍濱滨濺溅濾滤瀉泻瀋沈瀕濒瀝沥瀰弥瀾澜灑洒灕漓灘滩灣湾灤滦災灾為为烏乌烴烃無无煉炼煙烟煥焕煩烦熒荧熱热熾炽燈灯燒烧燙烫營营燦灿燬毁燭烛燴烩燻熏燼烬爍烁爐炉爛烂爭争爲为爺爷爾尔牀床牆墙牴抵牽牵犢犊犧牺狀状狹狭狽狈猙狰猶犹獃呆獄狱獅狮獎奖獨独獰狞獲获獵猎獸兽獺獭獻献現现琱雕琺珐瑣琐瑤瑶瑩莹瑪玛環环瓊琼甕瓮產产産产畝亩畢毕畫画異异畵画當当疇畴疊叠痙痉痠酸瘋疯瘍疡瘓痪瘡疮瘧疟療疗癒愈癟瘪癡痴癢痒癥症癬癣癰痈癱瘫發发皁皂皚皑皺皱盃杯盜盗盞盏盡尽監监盤盘盧卢盪荡眞真眾众睏困睜睁瞞瞒矇蒙矚瞩矯矫硃朱硯砚碩硕確确碼码磚砖礎础礙碍礦矿礫砾礬矾祕秘祿禄禍祸禦御禮礼禱祷禿秃稅税稈秆稜棱種种稱称穀谷積积穎颖穢秽穩稳穫获窩窝窪洼窮穷窯窑窺窥竄窜竅窍竈灶竊窃竪竖競竞筆笔筍笋箇个箋笺箚札節节範范築筑篩筛簍篓簑蓑簡简簽签簾帘籃篮籌筹籠笼籤签籬篱籮箩籲吁粵粤糞粪糧粮糰团糾纠紀纪約约紅红紉纫紋纹納纳紐纽純纯紗纱紙纸級级紛纷紡纺紮扎細细紳绅紹绍終终絃弦組组絆绊結结絕绝絛绦絞绞絡络絢绚給给絨绒統统絲丝絶绝絹绢綁绑綉绣綏绥綑捆經经綜综綠绿綢绸綫线維维綱纲網网綳绷綴缀綵彩綸纶綻绽綽绰綿绵緊紧緑绿緒绪緘缄線线緝缉緞缎締缔緣缘編编緩缓緬缅緯纬練练緻致縛缚縣县縧绦縫缝縮缩縱纵縴纤縷缕總总績绩繃绷織织繕缮繞绕繡绣繩绳繪绘繫系繭茧繳缴繹绎繼继續续纍累纏缠纓缨纔才纖纤纜缆缽钵罈坛罎坛罰罚罵骂罷罢羅罗羣群羨羡義义習习翫玩翹翘聖圣聞闻聯联聰聪聲声聳耸聶聂職职聽听聾聋肅肃脅胁脈脉脣唇脩修脫脱脹胀腎肾腦脑腫肿腳脚腸肠膚肤膠胶膩腻膽胆膿脓臉脸臍脐臘腊臟脏臥卧臨临臺台與与興兴舉举舊旧舖铺舘馆艙舱艦舰艱艰艷艳茲兹荊荆莊庄莖茎莢荚華华萊莱萬万葉叶葦苇葯药葷荤蒐搜蒼苍蓆席蓋盖蓮莲蔔卜蔘参蔣蒋蔥葱蔭荫蕩荡蕪芜蕭萧薊蓟薑姜薔蔷薦荐薩萨藍蓝藝艺藥药藴蕴藹蔼蘆芦蘇苏蘊蕴蘋苹蘭兰蘿萝處处虛虚虜虏號号虧亏蛻蜕蝕蚀蝦虾蝨虱蝸蜗螞蚂螢萤蟄蛰蟬蝉蟲虫蟻蚁蠅蝇蠍蝎蠟蜡蠱蛊蠶蚕蠻蛮衆众衊蔑術术衕同衚胡衛卫衝冲裏里補补裝装裡里製制複复褲裤襖袄襪袜襬摆襯衬襲袭覈核見见規规覓觅視视親亲覺觉覽览觀观觸触訂订訃讣計计訊讯討讨訓训訖讫託托記记訛讹訝讶訟讼訣诀訪访設设許许訴诉診诊註注証证詐诈評评詛诅詞词詠咏詢询詣诣試试詩诗詫诧詭诡話话該该詳详誅诛誇夸誌志認认誕诞誘诱語语誠诚誡诫誣诬誤误誦诵誨诲說说説说誰谁課课誹诽誼谊調调諄谆談谈請请諒谅論论諜谍諧谐諮咨諱讳諷讽諸诸諺谚諾诺謀谋謂谓謄誊謅诌謊谎謎谜謗谤謙谦講讲謝谢謠谣謡谣謬谬謹谨謾谩譁哗證证譏讥識识譚谭譜谱譟噪譭毁譯译議议譴谴護护譽誉讀读變变讒谗讓让讕谰讚赞谿溪豈岂豎竖豐丰豔艳豬猪貍狸貓猫貝贝貞贞負负財财貢贡貧贫貨货販贩貪贪貫贯責责貯贮貳贰貴贵貶贬買买貸贷費费貼贴貿贸賀贺賂赂賃赁賄贿資资賈贾賊贼賒赊賓宾賜赐賞赏賠赔賢贤賣卖賤贱賦赋質质賬账賭赌賴赖賺赚購购賽赛贅赘贈赠贊赞贍赡贏赢贓赃贖赎贛赣贜赃趕赶趙赵趨趋跡迹踐践踰逾踴踊蹟迹蹤踪躊踌躍跃躥蹿軀躯車车軋轧軌轨軍军軒轩軟软軸轴較较載载輓挽輔辅輕轻輛辆輝辉輥辊輩辈輪轮輯辑輸输輻辐輾辗輿舆轄辖轅辕轉转轍辙轎轿轟轰辦办辭辞辮辫辯辩農农迴回逕径這这連连週周進进遊游運运過过達达違违遙遥遜逊遞递遠远遡溯適适遲迟遶绕遷迁選选遺遗遼辽邁迈還还邊边邏逻郵邮鄉乡鄒邹鄖郧鄧邓鄭郑鄰邻鄲郸醖酝醜丑醞酝醫医醬酱釀酿釁衅釋释釐厘釘钉針针釣钓釦扣釩钒釺钎鈅钥鈉钠鈍钝鈎钩鈔钞鈕钮鈞钧鈡钟鈣钙鈴铃鈾铀鉀钾鉅巨鉆钻鉑铂鉗钳鉚铆鉛铅鉢钵鉤钩鉸铰鉻铬銀银銅铜銑铣銘铭銜衔銥铱銳锐銷销銹锈銻锑鋁铝鋅锌鋇钡鋒锋鋤锄鋪铺鋭锐鋸锯鋼钢錄录錐锥錘锤錠锭錢钱錦锦錨锚錫锡錯错録录錳锰錶表鍁锨鍊炼鍋锅鍍镀鍘铡鍛锻鍬锹鍵键鍺锗鍼针鍾钟鎂镁鎊镑鎌镰鎖锁鎚锤鎢钨鎬镐鎭镇鎮镇鎳镍鏇旋鏈链鏟铲鏡镜鏽锈鐐镣鐘钟鐮镰鐳镭鐵铁鑄铸鑑鉴鑒鉴鑰钥鑲镶鑷镊鑼锣鑽钻鑿凿長长門门閃闪閉闭開开閏闰閑闲閒闲間间閘闸閡阂閣阁閤合閥阀閨闺閩闽閱阅閲阅閹阉閻阎闆板闇暗闊阔闌阑闖闯關关闡阐闢辟陝陕陞升陣阵陰阴陳陈陸陆陽阳隊队階阶隕陨際际隨随險险隱隐隴陇隸隶隻只雖虽雙双雛雏雜杂雞鸡離离難难雲云電电霑沾霧雾靈灵靜静鞏巩鞦秋韆千韋韦韌韧韓韩韻韵響响頁页頂顶頃顷項项順顺須须頌颂預预頑顽頒颁頓顿頗颇領领頤颐頭头頰颊頸颈頹颓頻频頽颓顆颗題题額额顏颜顔颜願愿顛颠類类顧顾顫颤顯显顱颅顴颧風风颱台颳刮飄飘飛飞飢饥飯饭飲饮飼饲飽饱飾饰餃饺餅饼養养餌饵餒馁餓饿餘余餞饯餡馅館馆餬糊餵喂餾馏饅馒饋馈饑饥饒饶饞馋馬马馭驭馮冯馱驮馳驰馴驯駁驳駐驻駒驹駕驾駛驶駝驼駡骂駭骇駱骆駿骏騁骋騎骑騙骗騰腾騷骚騾骡驅驱驕骄驗验驚惊驟骤驢驴骯肮髒脏體体髮发鬆松鬍胡鬚须鬥斗鬧闹鬨哄鬱郁魚鱼魯鲁鮑鲍鮮鲜鯉鲤鯨鲸鰓鳃鱉鳖鱗鳞鳥鸟鳳凤鳴鸣鴉鸦鴕鸵鴛鸳鴦鸯鴨鸭鴻鸿鴿鸽鵑鹃鵝鹅鵬鹏鵰雕鵲鹊鶴鹤鷄鸡鷗鸥鷹鹰鹵卤鹹咸鹼碱鹽盐麗丽麥麦麪面麫面麯曲麵面麼么黃黄點点黨党黴霉鼕冬齊齐齋斋齒齿齡龄齣出齧啮齲龋龍龙龐庞龔龚龜龟';
const FOLD = new Uint16Array(0x10000);
for (let i = 0; i < 0x10000; i++) FOLD[i] = i;
for (let i = 0xff01; i <= 0xff5e; i++) FOLD[i] = i - 0xfee0; // full-width ASCII
for (let i = 0x41; i <= 0x5a; i++) FOLD[i] = i + 32; // A-Z
for (let i = 0xff21; i <= 0xff3a; i++) FOLD[i] = i - 0xfee0 + 32;
FOLD[0x3000] = 0x20; // ideographic space
for (let i = 0; i < T2S.length; i += 2) FOLD[T2S.charCodeAt(i)] = T2S.charCodeAt(i + 1);

/** The folded UTF-16 unit: one unit for one, so positions in folded text are positions in the text. */
export const foldUnit = (c) => FOLD[c];
/** The folded text (full-width → ASCII, lower case, Traditional → Simplified), of the same length. */
export function fold(s) {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = FOLD[s.charCodeAt(i)];
  let out = '';
  for (let i = 0; i < u.length; i += 4096) out += String.fromCharCode.apply(null, u.subarray(i, i + 4096));
  return out;
}
/** A Han character (code point, after folding). */
export const isHan = (cp) =>
  (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || cp === 0x3007 || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af);
/** A character of an ASCII word (after folding: 0-9, a-z). */
export const isWord = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

/**
 * Calls `emit(term, inTitleAlso)` for every term occurrence of `text`: Han unigrams, Han bigrams, ASCII words.
 * The reference tokeniser (the indexer has a faster loop over the same rules; tests/unit/search-index.test.ts
 * checks that both agree).
 */
export function eachTerm(text, emit) {
  let prev = ''; // the previous character, when it is a Han character
  let word = '';
  let before = ''; // the Han character just before the current word
  for (let i = 0; i < text.length; i++) {
    let c = FOLD[text.charCodeAt(i)];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const cp = text.codePointAt(i);
      if (cp > 0xffff) {
        i++;
        c = cp;
      }
    }
    if (isWord(c)) {
      if (!word) before = prev;
      word += String.fromCharCode(c);
      prev = '';
      continue;
    }
    if (word) {
      emit(word);
      if (before) emit(before + word);
    }
    if (isHan(c)) {
      const ch = String.fromCodePoint(c);
      emit(ch);
      if (prev) emit(prev + ch);
      if (word) emit(word + ch);
      prev = ch;
    } else prev = '';
    word = '';
  }
  if (word) {
    emit(word);
    if (before) emit(before + word);
  }
}

/** Term → occurrences in `text`. */
export function termCounts(text) {
  const m = new Map();
  eachTerm(text, (t) => m.set(t, (m.get(t) || 0) + 1));
  return m;
}

/**
 * What a query looks for: `parts`, the runs of Han characters and ASCII letters/digits the text must contain
 * (folded; split at spaces and punctuation), and `terms`, the index terms all results have: for each Han run of
 * two or more characters its bigrams, for a single character its unigram, each ASCII word and each joint of a
 * word with the Han character beside it.
 */
export function parseQuery(q) {
  const f = fold(String(q || ''));
  const parts = [];
  const terms = [];
  const add = (t) => terms.includes(t) || terms.push(t);
  const re = /[0-9a-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]+/gu;
  for (const m of f.matchAll(re)) {
    const part = m[0];
    if (!parts.includes(part)) parts.push(part);
    // Han runs and words, as eachTerm splits them (the part holds nothing else), and the joints between them.
    let run = [];
    let word = '';
    let last = ''; // the last Han character, when the previous segment is a Han run
    const endRun = () => {
      if (run.length === 1) add(run[0]);
      for (let i = 1; i < run.length; i++) add(run[i - 1] + run[i]);
      run = [];
    };
    for (const ch of part) {
      if (isWord(ch.charCodeAt(0))) {
        if (run.length) last = run[run.length - 1];
        endRun();
        word += ch;
      } else {
        if (word) {
          add(word);
          if (last) add(last + word);
          add(word + ch);
          word = '';
          last = '';
        }
        run.push(ch);
      }
    }
    if (word) {
      add(word);
      if (last) add(last + word);
    }
    endRun();
  }
  return { parts, terms };
}

/** The index key of a filter value. */
export const filterTerm = (name, value) => `\u0001${name}\u0001${value}`;

/** FNV-1a over the UTF-16 units: which shard holds a term. */
export function termHash(term) {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
export const shardOf = (term, shards) => termHash(term) % shards;

/** Reads a varint at bytes[pos.i] and advances pos.i. */
function varint(bytes, pos) {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = bytes[pos.i++];
    v += (b & 0x7f) * mul;
    if (b < 0x80) return v;
    mul *= 128;
  }
}

const utf8 = new TextDecoder();

/** The terms of a shard file: term → { df, bytes, start, end } (postings are decoded on demand). */
export function parseShard(bytes) {
  const pos = { i: 0 };
  const n = varint(bytes, pos);
  const out = new Map();
  for (let k = 0; k < n; k++) {
    const len = varint(bytes, pos);
    const term = utf8.decode(bytes.subarray(pos.i, pos.i + len));
    pos.i += len;
    const df = varint(bytes, pos);
    const size = varint(bytes, pos);
    out.set(term, { df, bytes, start: pos.i, end: pos.i + size });
    pos.i += size;
  }
  return out;
}

/** Doc ids (ascending) and their packed weights (bit 3: in the title; bits 0-2: tf - 1, at most 8). */
export function decodePostings(p) {
  const docs = new Uint32Array(p.df);
  const w = new Uint8Array(p.df);
  const pos = { i: p.start };
  let doc = -1;
  for (let k = 0; k < p.df; k++) {
    const v = varint(p.bytes, pos);
    doc += Math.floor(v / 16) + 1;
    docs[k] = doc;
    w[k] = v & 15;
  }
  return { docs, w };
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

/**
 * An excerpt of `text` around the first place (after `skip`, the title) where one of the folded `parts` occurs,
 * HTML-escaped, with every occurrence of a part inside it in <mark>. Null when no part occurs (a bigram-only
 * match); the start of the text after `skip` when there are no parts.
 */
export function excerpt(text, parts, skip = 0, width = 110) {
  const f = fold(text);
  let at = -1;
  if (parts.length) {
    for (const from of [skip, 0]) {
      for (const p of parts) {
        const i = f.indexOf(p, from);
        if (i >= 0 && (at < 0 || i < at)) at = i;
      }
      if (at >= 0) break;
    }
    if (at < 0) return null;
  } else {
    at = skip;
    while (at < text.length && /\s/.test(text[at])) at++;
  }
  // Back to the start of the sentence, at most 30 characters, never into the title.
  const lo = at >= skip ? skip : 0;
  let start = at;
  while (start > lo && at - start < 30 && !/[。；！？\n]/.test(text[start - 1])) start--;
  while (start < at && /\s/.test(text[start])) start++;
  const end = Math.min(text.length, start + width);
  const sorted = parts.slice().sort((a, b) => b.length - a.length);
  let html = start > lo && !/[。；！？\s]/.test(text[start - 1]) ? '…' : '';
  let i = start;
  while (i < end) {
    let hit = '';
    for (const p of sorted) if (f.startsWith(p, i)) { hit = p; break; }
    if (hit) {
      html += `<mark>${escapeHtml(text.slice(i, i + hit.length))}</mark>`;
      i += hit.length;
    } else {
      let j = i + 1;
      while (j < end && !sorted.some((p) => f.startsWith(p, j))) j++;
      html += escapeHtml(text.slice(i, j));
      i = j;
    }
  }
  return (html + (i < text.length ? '…' : '')).replace(/\s+/g, ' ');
}

/** Intersection of two ascending id lists, keeping a's scores (`sa`) plus `add(j)` for b's index j. */
function intersect(a, sa, b, add) {
  const ids = [];
  const scores = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      ids.push(a[i]);
      scores.push(sa[i] + add(j));
      i++;
      j++;
    }
  }
  return { ids, scores };
}

/** Ascending union of id lists (a filter with several values chosen). */
function union(lists) {
  if (lists.length === 1) return lists[0];
  const s = new Set();
  for (const l of lists) for (const d of l) s.add(d);
  return Uint32Array.from(s).sort();
}

/**
 * Opens a bundle. `load(path)` fetches a file of the bundle (path relative to the bundle folder, e.g.
 * "manifest.json") and resolves to its bytes (ArrayBuffer or Uint8Array); `baseUrl` is the site's path prefix,
 * put in front of result URLs.
 */
export async function openIndex(load, { baseUrl = '/' } = {}) {
  const bytes = async (p) => {
    const b = await load(p);
    return b instanceof Uint8Array ? b : new Uint8Array(b);
  };
  const json = async (p) => JSON.parse(utf8.decode(await bytes(p)));
  const manifest = await json(MANIFEST);
  if (manifest.format !== FORMAT) throw new Error(`search index format ${manifest.format}, expected ${FORMAT}`);
  const dir = manifest.dir;
  const N = manifest.docs;
  const shards = new Map(); // shard number → Promise<Map>
  const chunks = new Map(); // chunk number → Promise<docs>
  const shard = (i) => {
    if (!shards.has(i)) shards.set(i, bytes(`${dir}p${i}.bin`).then(parseShard));
    return shards.get(i);
  };
  const postings = async (term) => {
    const p = (await shard(shardOf(term, manifest.shards))).get(term);
    return p ? { df: p.df, ...decodePostings(p) } : { df: 0, docs: new Uint32Array(0), w: new Uint8Array(0) };
  };
  const doc = async (id) => {
    const k = Math.floor(id / manifest.chunk);
    if (!chunks.has(k)) chunks.set(k, json(`${dir}d${k}.json`));
    const [url, title, values, text] = (await chunks.get(k))[id - k * manifest.chunk];
    const filters = {};
    manifest.filters.forEach((f, i) => (filters[f.name] = values[i] || []));
    return { id, url: baseUrl.replace(/\/$/, '') + url, title, filters, text };
  };

  return {
    manifest,
    /** The values of each filter with their counts over the whole index: { name: [[value, count], …] }. */
    async filterValues(names = manifest.filters.map((f) => f.name)) {
      const out = {};
      for (const f of manifest.filters) if (names.includes(f.name)) out[f.name] = await json(`${dir}${f.file}`);
      return out;
    },
    /**
     * Runs a query: `filters` { name: value or [values] } narrow it (any of a filter's values, every filter).
     * A query without terms but with filters lists the filtered reports. Resolves to { count, parts, terms,
     * next(n) }: `count` the number of candidates (every term and filter matches; lowered as `next` finds
     * results without the exact phrase), `next(n)` the next n results in rank order, each { url, title, filters,
     * excerpt }. With `verify`, every candidate's text is checked first, so `count` is exact.
     */
    async search(query, { filters = {}, verify = false } = {}) {
      const { parts, terms } = parseQuery(query);
      const chosen = Object.entries(filters)
        .map(([name, v]) => [name, (Array.isArray(v) ? v : [v]).filter((x) => x !== '' && x != null).map(String)])
        .filter(([, v]) => v.length);
      let ids = [];
      let scores = [];
      if (terms.length || chosen.length) {
        const lists = await Promise.all(terms.map(postings));
        // Rarest first: the intersection shrinks fastest.
        lists.sort((a, b) => a.df - b.df);
        // BM25-like without length normalisation (reports are of similar length); k1 = 1.2.
        const weight = (l) => {
          const idf = Math.log(1 + (N - l.df + 0.5) / (l.df + 0.5));
          return (j) => {
            const tf = (l.w[j] & 7) + 1;
            return (idf * tf * 2.2) / (tf + 1.2) + (l.w[j] & 8 ? 1e6 : 0);
          };
        };
        if (lists.length) {
          const first = lists[0];
          const w0 = weight(first);
          ids = Array.from(first.docs);
          scores = ids.map((_, j) => w0(j));
          for (const l of lists.slice(1)) ({ ids, scores } = intersect(ids, scores, l.docs, weight(l)));
        }
        for (const [name, values] of chosen) {
          const docs = union((await Promise.all(values.map((v) => postings(filterTerm(name, v))))).map((l) => l.docs));
          if (!lists.length && ids.length === 0 && name === chosen[0][0]) {
            ids = Array.from(docs);
            scores = ids.map(() => 0);
          } else ({ ids, scores } = intersect(ids, scores, docs, () => 0));
        }
      }
      // Title matches first: a doc whose title has every term gets 1e6 per term; otherwise the sum of weights.
      const titleBonus = terms.length * 1e6;
      const order = ids.map((_, i) => i);
      order.sort((a, b) => {
        const ta = scores[a] >= titleBonus ? 1 : 0;
        const tb = scores[b] >= titleBonus ? 1 : 0;
        if (ta !== tb) return tb - ta;
        const sa = scores[a] % 1e6;
        const sb = scores[b] % 1e6;
        return sb - sa || ids[a] - ids[b];
      });
      let ranked = order.map((i) => ids[i]);
      const result = { query, parts, terms, count: ranked.length };
      let next = 0;
      const hit = async (id) => {
        const d = await doc(id);
        const ex = excerpt(d.text, parts, d.text.startsWith(d.title) ? d.title.length : 0);
        if (ex === null) return null;
        return { url: d.url, title: d.title, filters: d.filters, excerpt: ex };
      };
      if (verify && parts.some((p) => parseQuery(p).terms.length > 1)) {
        const ok = [];
        // In batches: at 100,000 results, not 100,000 requests at once.
        for (let i = 0; i < ranked.length; i += 256) ok.push(...(await Promise.all(ranked.slice(i, i + 256).map(async (id) => (await hit(id)) !== null))));
        ranked = ranked.filter((_, i) => ok[i]);
        chunks.clear();
        result.count = ranked.length;
      }
      result.next = async (n = PAGE) => {
        const out = [];
        while (out.length < n && next < ranked.length) {
          const batch = ranked.slice(next, next + (n - out.length));
          next += batch.length;
          const hits = await Promise.all(batch.map(hit));
          for (const h of hits) {
            if (h) out.push(h);
            else result.count--; // all the n-grams, but not the phrase
          }
        }
        return out;
      };
      result.done = () => next >= ranked.length;
      return result;
    },
  };
}
