using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;

namespace WrongOverWrong.Training.Tests.Chat;

/// <summary>
/// Expected strings are written by hand from the Hub Jinja templates (rendered with Hugging Face's
/// trim_blocks/lstrip_blocks and add_generation_prompt=True) for system + user + assistant + user.
/// </summary>
public class ChatTemplateTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "Be brief."),
        new(ChatRole.User, "Hi there"),
        new(ChatRole.Assistant, "Hello!"),
        new(ChatRole.User, "Path from 0 to 2?"),
    ];

    private static readonly ChatMessage[] NoSystem = Conversation[1..];

    [Fact]
    public void Llama3()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nPath from 0 to 2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            new Llama3ChatTemplate().FormatPrompt(Conversation));
    }

    [Fact]
    public void Llama3_trims_message_bodies()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            new Llama3ChatTemplate().FormatPrompt([new(ChatRole.User, "  hi \n")]));
    }

    [Fact]
    public void Llama31_always_has_a_dated_system_turn()
    {
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nPath from 0 to 2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            new Llama3ChatTemplate("26 Jul 2024").FormatPrompt(NoSystem));
        Assert.StartsWith(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nBe brief.<|eot_id|><|start_header_id|>user",
            new Llama3ChatTemplate("26 Jul 2024").FormatPrompt(Conversation));
    }

    [Fact]
    public void Llama2()
    {
        Assert.Equal(
            "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi there [/INST] Hello! </s><s>[INST] Path from 0 to 2? [/INST]",
            new Llama2ChatTemplate().FormatPrompt(Conversation));
        Assert.Equal("<s>[INST] Hi there [/INST] Hello! </s><s>[INST] Path from 0 to 2? [/INST]", new Llama2ChatTemplate().FormatPrompt(NoSystem));
    }

    [Fact]
    public void Mistral()
    {
        Assert.Equal(
            "<s> [INST] Be brief.\n\nHi there [/INST] Hello!</s> [INST] Path from 0 to 2? [/INST]",
            new MistralChatTemplate().FormatPrompt(Conversation));
    }

    [Fact]
    public void Qwen_with_and_without_a_system_message()
    {
        var qwen = ChatTemplates.ForModelType("qwen2");
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
            + "<|im_start|>user\nPath from 0 to 2?<|im_end|>\n<|im_start|>assistant\n",
            qwen.FormatPrompt(Conversation));
        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
            + "<|im_start|>user\nPath from 0 to 2?<|im_end|>\n<|im_start|>assistant\n",
            qwen.FormatPrompt(NoSystem));
        Assert.Equal("<|im_end|>", qwen.EndOfTurn);
    }

    [Fact]
    public void TinyLlama_zephyr()
    {
        Assert.Equal(
            "<|system|>\nBe brief.</s>\n<|user|>\nHi there</s>\n<|assistant|>\nHello!</s>\n<|user|>\nPath from 0 to 2?</s>\n<|assistant|>\n",
            ChatTemplates.ForModelType("tinyllama").FormatPrompt(Conversation));
    }

    [Fact]
    public void SmolLM2_default_system_prompt()
    {
        Assert.StartsWith(
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n",
            ChatTemplates.ForModelType("smollm").FormatPrompt(NoSystem));
    }

    [Fact]
    public void Tiny()
    {
        var tiny = new TinyChatTemplate();
        Assert.Equal(
            "<bos><|system|>\nBe brief.<|end|>\n<|user|>\nHi there<|end|>\n<|assistant|>\nHello!<|end|>\n<|user|>\nPath from 0 to 2?<|end|>\n<|assistant|>\n",
            tiny.FormatPrompt(Conversation));
        Assert.Equal("<|end|>", tiny.EndOfTurn);
        Assert.Equal(new[] { "<|end|>", "<eos>" }, tiny.StopTokens);
    }

    [Theory]
    [InlineData("llama2")]
    [InlineData("mistral")]
    public void Alternation_is_enforced_where_the_template_raises(string family)
    {
        var template = ChatTemplates.ForModelType(family);
        var ex = Assert.Throws<ArgumentException>(() => template.FormatPrompt([new(ChatRole.User, "a"), new(ChatRole.User, "b")]));
        Assert.Contains("messages[1]", ex.Message);
        Assert.Throws<ArgumentException>(() => template.FormatPrompt([new(ChatRole.System, "only a system message")]));
    }

    [Fact]
    public void Unsupported_roles_and_empty_conversations_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ZephyrChatTemplate().FormatPrompt([new(ChatRole.Tool, "x")]));
        Assert.Contains("messages[0]", ex.Message);
        Assert.Throws<ArgumentException>(() => new Llama3ChatTemplate().FormatPrompt([]));
        Assert.Throws<ArgumentException>(() => ChatTemplates.ForModelType("gpt-neox"));
    }

    [Theory]
    [InlineData("{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' %}", typeof(Llama3ChatTemplate))]
    [InlineData("{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% set content = '<<SYS>>\\n' %}", typeof(Llama2ChatTemplate))]
    [InlineData("{{ '[INST] ' + message['content'] + ' [/INST]' }}", typeof(MistralChatTemplate))]
    [InlineData("{% if message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + eos_token }}", typeof(ZephyrChatTemplate))]
    [InlineData(TinyChatTemplate.JinjaSource, typeof(TinyChatTemplate))]
    public void Jinja_templates_are_recognised_by_their_markers(string jinja, Type expected)
    {
        Assert.IsType(expected, ChatTemplates.FromJinja(jinja));
    }

    [Fact]
    public void ChatML_jinja_keeps_its_default_system_prompt()
    {
        const string qwen2 = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";
        var template = Assert.IsType<ChatMLChatTemplate>(ChatTemplates.FromJinja(qwen2));
        Assert.Equal("You are a helpful assistant.", template.DefaultSystemPrompt);
        var withRealNewline = Assert.IsType<ChatMLChatTemplate>(ChatTemplates.FromJinja(qwen2.Replace("system\\n", "system\n", StringComparison.Ordinal)));
        Assert.Equal("You are a helpful assistant.", withRealNewline.DefaultSystemPrompt);
        Assert.Null(ChatTemplates.FromJinja("{{ messages }}"));
    }

    [Fact]
    public void Folder_picks_from_chat_template_then_model_type()
    {
        using var folder = new Text.TempFolder();
        folder.Write("config.json", """{"model_type": "mistral"}""");
        Assert.IsType<MistralChatTemplate>(ChatTemplates.FromFolder(folder.Path));

        folder.Write("tokenizer_config.json", """{"chat_template": "{{ '<|user|>\n' }}"}""");
        Assert.IsType<ZephyrChatTemplate>(ChatTemplates.FromFolder(folder.Path));

        folder.Write("config.json", """{"model_type": "gpt_neox"}""");
        folder.Write("tokenizer_config.json", "{}");
        var ex = Assert.Throws<InvalidDataException>(() => ChatTemplates.FromFolder(folder.Path));
        Assert.Contains("gpt_neox", ex.Message);
    }
}
