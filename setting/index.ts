AppSettingsPage({
  build() {
    return Text({}, 'Wrist Wallet');
  },
});
